package io.civicflow.workers.outbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutboxMessageTest {

  private static final Instant NOW = Instant.parse("2016-08-01T01:00:00Z");

  @Test
  void shouldRequireAnIdATopicAKeyARecipientAndATitle() {
    assertThatThrownBy(() -> new OutboxMessage(" ", "notice.award", "P1", "public", "公告", "", NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("messageId");
    assertThatThrownBy(() -> new OutboxMessage("m1", "notice.award", "P1", "public", "", "", NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("title");
    assertThatThrownBy(() -> new OutboxMessage("m1", "notice.award", null, "public", "公告", "", NOW))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("businessKey");
  }

  @Test
  void shouldRequireAPostingTime() {
    assertThatThrownBy(
            () -> new OutboxMessage("m1", "notice.award", "P1", "public", "公告", "", null))
        .isInstanceOf(NullPointerException.class);
  }
}
