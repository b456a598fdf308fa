package io.civicflow.workers.camunda;

import io.camunda.client.CamundaClient;
import io.civicflow.workers.documents.Documents;
import io.civicflow.workers.outbox.RecipientDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared adapters over the Camunda client. */
@Configuration(proxyBeanMethods = false)
public class CamundaConfiguration {

  @Bean
  Reprocurement reprocurement(CamundaClient client) {
    return new Reprocurement(client);
  }

  @Bean
  CompletedTasks completedTasks(CamundaClient client) {
    return new CompletedTasks(client);
  }

  /**
   * The people notifications reach, from the cluster's identity: {@code
   * civicflow.notifications.directory=camunda} (the {@code camunda} profile sets it).
   */
  @Bean
  @ConditionalOnProperty(name = "civicflow.notifications.directory", havingValue = "camunda")
  RecipientDirectory recipientDirectory(CamundaClient client) {
    return new CamundaIdentityDirectory(client);
  }

  /**
   * Uploads are recorded as the client's user (the workers' service user) and go to {@code
   * civicflow.documents.store-id} (the embedded engine's store unless set).
   */
  @Bean
  Documents documents(
      CamundaClient client,
      @Value("${camunda.client.auth.username:civicflow-workers}") String uploadedBy,
      @Value("${civicflow.documents.store-id:civicflow}") String storeId) {
    return new CamundaDocuments(client, uploadedBy, storeId);
  }
}
