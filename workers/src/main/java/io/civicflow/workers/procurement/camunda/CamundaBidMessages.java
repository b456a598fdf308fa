package io.civicflow.workers.procurement.camunda;

import io.camunda.client.CamundaClient;
import io.civicflow.workers.camunda.messages.MessagePublication;
import io.civicflow.workers.procurement.BidMessages;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * {@link BidMessages} through the Camunda client. Published once by message id ({@link
 * MessagePublication}).
 */
public final class CamundaBidMessages implements BidMessages {

  private final CamundaClient client;

  public CamundaBidMessages(CamundaClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public void publishBidSubmitted(
      String projectNo, String messageId, Duration timeToLive, Map<String, Object> variables) {
    MessagePublication.publishOnce(
        client
            .newPublishMessageCommand()
            .messageName(BidMessages.BID_SUBMITTED)
            .correlationKey(projectNo)
            .messageId(messageId)
            .timeToLive(timeToLive)
            .variables(variables),
        messageId);
  }
}
