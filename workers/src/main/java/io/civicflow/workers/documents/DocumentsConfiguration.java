package io.civicflow.workers.documents;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The generated PDFs: {@code civicflow.documents.pdf-font} names the CJK TrueType font they embed
 * (default {@link PdfWriter#DEFAULT_FONT}); the {@link Documents} port comes from the {@code
 * camunda} package.
 */
@Configuration(proxyBeanMethods = false)
public class DocumentsConfiguration {

  @Bean
  GeneratedDocuments generatedDocuments(
      Documents documents,
      @Value("${civicflow.documents.pdf-font:/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}")
          Path font) {
    return new GeneratedDocuments(new PdfWriter(font), documents);
  }
}
