package io.civicflow.workers.exports;

import io.civicflow.workers.analytics.RegistryAnalytics;
import io.civicflow.workers.documents.PdfWriter;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The spreadsheet and PDF exports: the analyst tables on Elasticsearch, the PDF writer's font. */
@Configuration(proxyBeanMethods = false)
public class ExportsConfiguration {

  @Bean
  @ConditionalOnProperty(
      prefix = "civicflow.registry.elasticsearch",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  AnalystTables analystTables(RegistryAnalytics analytics) {
    return new AnalystTables(analytics);
  }

  @Bean
  SummaryPrinter summaryPrinter(
      @Value("${civicflow.documents.pdf-font:" + "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}")
          Path font) {
    return new SummaryPrinter(new PdfWriter(font));
  }

  /** The PDF writer the summaries are printed with. */
  public record SummaryPrinter(PdfWriter writer) {}
}
