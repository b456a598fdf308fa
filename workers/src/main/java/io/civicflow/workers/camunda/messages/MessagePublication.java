package io.civicflow.workers.camunda.messages;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.FinalCommandStep;
import io.camunda.client.api.command.ProblemException;
import io.grpc.Status.Code;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a message that carries a {@code messageId} once: Camunda rejects a second publication
 * with the same id while the first is buffered ({@code ALREADY_EXISTS}: HTTP 409 over REST, gRPC
 * status ALREADY_EXISTS), which is the retry of one that went through and counts as success.
 */
public final class MessagePublication {

  private static final Logger LOG = LoggerFactory.getLogger(MessagePublication.class);

  private MessagePublication() {}

  /** Sends {@code publication} and waits; an {@code ALREADY_EXISTS} rejection is success. */
  public static void publishOnce(FinalCommandStep<?> publication, String messageId) {
    try {
      publication.send().join();
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
