package io.civicflow.workers.incubation.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.civicflow.workers.incubation.IncubationMessages;
import io.grpc.Status.Code;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IncubationMessages} through the Camunda client. A publication rejected because the message
 * id already exists is the retry of one that went through, and counts as success.
 */
public final class CamundaIncubationMessages implements IncubationMessages {

  private static final Logger LOG = LoggerFactory.getLogger(CamundaIncubationMessages.class);

  /** Kept until the organisation's instance waits for it (e.g. while the agreement is signed). */
  static final Duration TIME_TO_LIVE = Duration.ofDays(30);

  private final CamundaClient client;

  public CamundaIncubationMessages(CamundaClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public void publish(String name, String orgId, String messageId, Map<String, Object> variables) {
    try {
      client
          .newPublishMessageCommand()
          .messageName(name)
          .correlationKey(orgId)
          .messageId(messageId)
          .timeToLive(TIME_TO_LIVE)
          .variables(variables)
          .send()
          .join();
    } catch (ProblemException e) {
      if (!(e.code() == 409
          || (e.details() != null && "ALREADY_EXISTS".equals(e.details().getTitle())))) {
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
}
