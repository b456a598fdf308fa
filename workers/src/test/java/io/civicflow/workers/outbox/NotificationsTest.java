package io.civicflow.workers.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NotificationsTest {

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final NotifyWorker worker = new NotifyWorker(new Notifications(outbox));

  private static NotifyWorker.Input reminder(String projectNo, String contractNo) {
    return new NotifyWorker.Input(
        "notify.sign-reminder",
        "civil-affairs",
        "张浦镇服务合同须于8月31日前签订",
        null,
        projectNo,
        contractNo,
        "2016-08-24T09:00:00+08:00");
  }

  @Test
  void aRetriedJobPostsOnceAndANewJobPostsAgain() {
    worker.send(reminder("KSCG-2016-ZP", "KS-2016-ZP-Y1"), 7L);
    worker.send(reminder("KSCG-2016-ZP", "KS-2016-ZP-Y1"), 7L);
    worker.send(reminder("KSCG-2016-ZP", "KS-2016-ZP-Y1"), 8L);

    assertThat(outbox.find("notify.sign-reminder", "KS-2016-ZP-Y1"))
        .extracting(OutboxMessage::messageId)
        .containsExactlyInAnyOrder("notify.sign-reminder:7", "notify.sign-reminder:8");
    assertThat(outbox.all().get(0).body()).isEmpty();
  }

  @Test
  void theProjectIsTheKeyUntilThereIsAContract() {
    worker.send(reminder("KSCG-2016-ZP", null), 9L);

    assertThat(outbox.find("notify.sign-reminder", "KSCG-2016-ZP")).hasSize(1);
    assertThatThrownBy(() -> worker.send(reminder(null, " "), 10L))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
