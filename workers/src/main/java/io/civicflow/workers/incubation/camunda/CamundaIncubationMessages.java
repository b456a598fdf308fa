package io.civicflow.workers.incubation.camunda;

import io.camunda.client.CamundaClient;
import io.civicflow.workers.camunda.messages.MessagePublication;
import io.civicflow.workers.incubation.IncubationMessages;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * {@link IncubationMessages} through the Camunda client. Published once by message id ({@link
 * MessagePublication}).
 */
public final class CamundaIncubationMessages implements IncubationMessages {

  /** Kept until the organisation's instance waits for it (e.g. while the agreement is signed). */
  static final Duration TIME_TO_LIVE = Duration.ofDays(30);

  private final CamundaClient client;

  public CamundaIncubationMessages(CamundaClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public void publish(String name, String orgId, String messageId, Map<String, Object> variables) {
    MessagePublication.publishOnce(
        client
            .newPublishMessageCommand()
            .messageName(name)
            .correlationKey(orgId)
            .messageId(messageId)
            .timeToLive(TIME_TO_LIVE)
            .variables(variables),
        messageId);
  }
}
