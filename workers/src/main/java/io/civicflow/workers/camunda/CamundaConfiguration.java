package io.civicflow.workers.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.spring.event.CamundaClientCreatedSpringEvent;
import io.civicflow.engine.web.EngineProperties;
import io.civicflow.workers.documents.Documents;
import io.civicflow.workers.outbox.RecipientDirectory;
import io.civicflow.workers.outbox.UsersFileRecipientDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared adapters over the Camunda client. */
@Configuration(proxyBeanMethods = false)
public class CamundaConfiguration {

  /**
   * Deploys {@code processes/} and {@code forms/} when the Camunda client starts (after the
   * embedded engine's HTTP server; again for each client Camunda Process Test creates, as the
   * client's own deployment annotation did), before the application runners (the demo data) go:
   * retried while the engine is not ready, pushes back or times out ({@link StartupDeployment}: at
   * once after a timeout, after a scheduled back-off otherwise; the listener returns only when the
   * deployment is done, so job workers never activate jobs of models not yet deployed); {@code
   * camunda.client.deployment.enabled=false} skips it.
   */
  @Bean
  ApplicationListener<CamundaClientCreatedSpringEvent> startupDeployment(
      @Value("${camunda.client.deployment.enabled:true}") boolean enabled) {
    StartupDeployment deployment =
        new StartupDeployment(StartupDeployment.Retry.DEFAULT, StartupDeployment.SCHEDULED);
    return event -> {
      if (enabled) {
        deployment.deploy(event.getClient());
      }
    };
  }

  @Bean
  Reprocurement reprocurement(CamundaClient client) {
    return new Reprocurement(client);
  }

  @Bean
  CompletedTasks completedTasks(CamundaClient client) {
    return new CompletedTasks(client);
  }

  /**
   * The people notifications reach, from the engine's identity through the client ({@code
   * civicflow.notifications.directory=camunda}, the default), on the embedded engine as on a
   * cluster, so that accounts added to a group while processes run ({@code identity.join-group})
   * get their mail. With the embedded engine the users file answers only where the identity API
   * refuses the workers' user; against a cluster nothing stands in for it.
   */
  @Bean
  @ConditionalOnProperty(
      name = "civicflow.notifications.directory",
      havingValue = "camunda",
      matchIfMissing = true)
  RecipientDirectory recipientDirectory(
      CamundaClient client,
      @Value("${civicflow.engine.embedded.enabled:true}") boolean embedded,
      @Value("${civicflow.engine.auth.users-file:" + EngineProperties.Auth.DEFAULT_USERS_FILE + "}")
          String usersFile) {
    return new CamundaIdentityDirectory(
        client, embedded ? UsersFileRecipientDirectory.load(usersFile) : null);
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
