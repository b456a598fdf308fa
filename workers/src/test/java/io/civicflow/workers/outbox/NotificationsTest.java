package io.civicflow.workers.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NotificationsTest {

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final NotifyWorker worker =
      new NotifyWorker(new Notifications(outbox), Publisher.KUNSHAN);

  private static NotifyWorker.Input reminder(String projectNo, String contractNo) {
    return new NotifyWorker.Input(
        "notify.sign-reminder",
        "civil-affairs",
        "张浦镇服务合同须于8月31日前签订",
        null,
        projectNo,
        contractNo,
        null,
        null,
        null,
        null,
        "2016-08-24T09:00:00+08:00",
        null,
        null);
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

  @Test
  void outsideProcurementTheOrganisationTheRequestOrTheCaseIsTheKey() {
    worker.send(
        new NotifyWorker.Input(
            "notify.incubation-rejected",
            "applicant",
            "邻里互助会：孵化申请未通过资格初审。",
            "资格初审时限：2025-03-10T17:00:00+08:00",
            null,
            null,
            "ORG-20250303-1a2b3c",
            null,
            null,
            null,
            "2025-03-05T10:00:00+08:00",
            null,
            null),
        11L);
    worker.send(
        new NotifyWorker.Input(
            "notify.dispatch-lapsed",
            "civil-affairs",
            "服务需求多次超时未被接单",
            null,
            null,
            null,
            null,
            "ORD-20250303-abcdef",
            null,
            null,
            "2025-03-05T10:00:00+08:00",
            null,
            null),
        12L);

    assertThat(outbox.find("notify.incubation-rejected", "ORG-20250303-1a2b3c"))
        .singleElement()
        .extracting(OutboxMessage::body)
        .isEqualTo("资格初审时限：2025-03-10T17:00:00+08:00");
    assertThat(outbox.find("notify.dispatch-lapsed", "ORD-20250303-abcdef")).hasSize(1);
  }

  @Test
  void theDeadlineIsShownAsItsDateInShanghai() {
    assertThat(NotifyWorker.withDeadline("", "2016-11-10T17:30:00Z")).isEqualTo("办理期限：2016-11-11");
    assertThat(NotifyWorker.withDeadline("第1期", "2016-11-11T09:00:00+08:00[Asia/Shanghai]"))
        .isEqualTo("第1期\n办理期限：2016-11-11");
    assertThat(NotifyWorker.withDeadline(null, "2016-08-31")).isEqualTo("办理期限：2016-08-31");
    assertThat(NotifyWorker.withDeadline("正文", null)).isEqualTo("正文");
  }
}
