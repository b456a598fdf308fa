package io.civicflow.workers.camunda.messages;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.PublishMessageCommandStep1.PublishMessageCommandStep3;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A publication retried with the same message id counts as done, against the real engine. */
@EmbeddedEngineProcessTest
class MessagePublicationTest {

  @Autowired private CamundaClient client;

  @Test
  void aRetriedPublicationWithTheSameMessageIdIsASuccessAndNothingElseIs() {
    MessagePublication.publishOnce(publication("bid:P-1:1"), "bid:P-1:1");

    assertThatThrownBy(() -> publication("bid:P-1:1").send().join())
        .as("the engine refuses the same id while the first is buffered")
        .isNotNull();
    assertThatCode(() -> MessagePublication.publishOnce(publication("bid:P-1:1"), "bid:P-1:1"))
        .as("the retry through the helper")
        .doesNotThrowAnyException();
  }

  private PublishMessageCommandStep3 publication(String messageId) {
    return client
        .newPublishMessageCommand()
        .messageName("BidSubmitted")
        .correlationKey("P-1")
        .messageId(messageId)
        .timeToLive(Duration.ofHours(1))
        .variables(Map.of("bidder", "恒爱"));
  }
}
