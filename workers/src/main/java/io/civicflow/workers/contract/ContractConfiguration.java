package io.civicflow.workers.contract;

import io.camunda.client.CamundaClient;
import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.payment.EvaluationFees;
import io.civicflow.workers.payment.PaymentLedger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The services of the contract years, the finance approvals and the evaluation pool. */
@Configuration(proxyBeanMethods = false)
public class ContractConfiguration {

  @Bean
  ContractRenewal contractRenewal(ContractRecords records, Deadlines deadlines, Outbox outbox) {
    return new ContractRenewal(records, deadlines, outbox);
  }

  @Bean
  Reprocurement reprocurement(CamundaClient client) {
    return new Reprocurement(client);
  }

  @Bean
  CompletedTasks completedTasks(CamundaClient client) {
    return new CompletedTasks(client);
  }

  @Bean
  EvaluationFees evaluationFees(PaymentLedger ledger) {
    return new EvaluationFees(ledger);
  }
}
