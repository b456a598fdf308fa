package io.civicflow.workers.procurement;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.Publisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The domain services of a procurement round and its tenders. Each area wires its own services
 * ({@code *Configuration} in its package); the ports' adapters are the areas' in-memory ones or
 * {@code ElasticsearchRegistryConfiguration}'s.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExpertPoolProperties.class)
public class ProcurementConfiguration {

  @Bean
  RoundPlanning roundPlanning(Deadlines deadlines) {
    return new RoundPlanning(deadlines);
  }

  @Bean
  TenderScheduling tenderScheduling(Deadlines deadlines, Outbox outbox, Publisher publisher) {
    return new TenderScheduling(deadlines, outbox, publisher);
  }

  @Bean
  PanelFormation panelFormation(ExpertPoolProperties properties) {
    return new PanelFormation(properties.toPool());
  }

  @Bean
  ScoreSheetSeal scoreSheetSeal(
      @Value("${civicflow.procurement.score-sheet-key:}") String scoreSheetKey) {
    return ScoreSheetSeal.withKey(scoreSheetKey);
  }

  @Bean
  AwardPublication awardPublication(Deadlines deadlines, Outbox outbox) {
    return new AwardPublication(deadlines, outbox);
  }

  @Bean
  ContractPublication contractPublication(Deadlines deadlines, Outbox outbox, Publisher publisher) {
    return new ContractPublication(deadlines, outbox, publisher);
  }

  @Bean
  PaperBidSubmission paperBidSubmission(BidMessages messages) {
    return new PaperBidSubmission(messages);
  }
}
