package io.civicflow.workers.procurement.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.civicflow.workers.procurement.BidMessages;
import io.grpc.Status.Code;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BidMessages} through the Camunda client. A publication rejected because the message id
 * already exists is the retry of one that went through, and counts as success.
 */
public final class CamundaBidMessages implements BidMessages {

  private static final Logger LOG = LoggerFactory.getLogger(CamundaBidMessages.class);

  private final CamundaClient client;

  public CamundaBidMessages(CamundaClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public void publishBidSubmitted(
      String projectNo, String messageId, Duration timeToLive, Map<String, Object> variables) {
    try {
      client
          .newPublishMessageCommand()
          .messageName(BidMessages.BID_SUBMITTED)
          .correlationKey(projectNo)
          .messageId(messageId)
          .timeToLive(timeToLive)
          .variables(variables)
          .send()
          .join();
    } catch (ProblemException e) {
      if (!alreadyExists(e)) {
        throw e;
      }
      LOG.debug("Message {} was already published", messageId);
    } catch (ClientStatusException e) {
      if (e.getStatusCode() != Code.ALREADY_EXISTS) {
        throw e;
      }
      LOG.debug("Message {} was already published", messageId);
    }
  }

  private static boolean alreadyExists(ProblemException e) {
    return e.code() == 409
        || (e.details() != null && "ALREADY_EXISTS".equals(e.details().getTitle()));
  }
}
