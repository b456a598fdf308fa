package io.civicflow.workers.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Outbox} must have. Each implementation gets a subclass that says how
 * to build an empty outbox.
 */
public abstract class OutboxContractTest {

  static final Instant AWARDED = Instant.parse("2016-08-01T01:00:00Z");

  private Outbox outbox;

  /** An empty outbox. */
  protected abstract Outbox newOutbox();

  @BeforeEach
  void createOutbox() {
    outbox = newOutbox();
  }

  static OutboxMessage awardNotice(String projectNo, Instant postedAt) {
    return new OutboxMessage(
        "notice.award/" + projectNo,
        "notice.award",
        projectNo,
        "public",
        "昆山市社区服务社会化项目中标公告",
        "中标单位：……",
        postedAt);
  }

  static OutboxMessage reminder(String contractNo, int month, Instant postedAt) {
    return new OutboxMessage(
        "notify.reminder/" + contractNo + "/" + month,
        "notify.reminder",
        contractNo,
        "provider",
        "请按时报送双月运营报告",
        "",
        postedAt);
  }

  @Test
  void shouldKeepAPublicationsFieldsInOrderAndItsAttachments() {
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("winner", "昆山市阳光社会工作服务社");
    fields.put("awardedPrice", "780000.00元");
    fields.put("committee", "评审专家 赵老师、评审专家 钱老师");
    OutboxMessage notice =
        new OutboxMessage(
            "notice.award/KS-2016-HQ",
            "notice.award",
            "KS-2016-HQ",
            "public",
            "成交结果公告",
            "",
            AWARDED,
            fields,
            List.of(
                new io.civicflow.workers.documents.DocumentFile(
                    "doc-1",
                    "in-memory",
                    "hash-1",
                    "成交通知书-KS-2016-HQ.pdf",
                    "application/pdf",
                    2048)));
    outbox.post(notice);

    OutboxMessage kept = outbox.find("notice.award", "KS-2016-HQ").get(0);
    assertThat(kept).isEqualTo(notice);
    assertThat(kept.fields().keySet()).containsExactly("winner", "awardedPrice", "committee");
  }

  @Test
  void shouldStoreAPostedMessage() {
    OutboxMessage notice = awardNotice("KS-2016-ZP", AWARDED);

    assertThat(outbox.post(notice)).isEqualTo(notice);
    assertThat(outbox.all()).containsExactly(notice);
  }

  @Test
  void shouldReturnTheStoredMessageWhenTheSameIdIsPostedAgain() {
    OutboxMessage first = outbox.post(awardNotice("KS-2016-ZP", AWARDED));

    OutboxMessage retried =
        outbox.post(awardNotice("KS-2016-ZP", AWARDED.plus(Duration.ofMinutes(5))));

    assertThat(retried).isEqualTo(first);
    assertThat(retried.postedAt()).isEqualTo(AWARDED);
    assertThat(outbox.all()).containsExactly(first);
  }

  @Test
  void shouldKeepTheFirstMessageWhenAnIdIsReusedWithOtherContent() {
    OutboxMessage first = outbox.post(awardNotice("KS-2016-ZP", AWARDED));
    OutboxMessage changed =
        new OutboxMessage(
            first.messageId(), first.topic(), first.businessKey(), "public", "另一标题", "", AWARDED);

    assertThat(outbox.post(changed)).isEqualTo(first);
    assertThat(outbox.all()).containsExactly(first);
  }

  @Test
  void shouldFindMessagesByTopicAndBusinessKeyOldestFirst() {
    String contract = "KS-2016-ZP-Y1";
    OutboxMessage november = outbox.post(reminder(contract, 11, AWARDED.plus(Duration.ofDays(90))));
    OutboxMessage september = outbox.post(reminder(contract, 9, AWARDED.plus(Duration.ofDays(30))));
    outbox.post(reminder("KS-2016-LJ-Y1", 9, AWARDED.plus(Duration.ofDays(30))));
    outbox.post(awardNotice(contract, AWARDED));

    assertThat(outbox.find("notify.reminder", contract)).containsExactly(september, november);
    assertThat(outbox.find("notice.contract", contract)).isEmpty();
    assertThat(outbox.all())
        .hasSize(4)
        .first()
        .extracting(OutboxMessage::topic)
        .isEqualTo("notice.award");
  }

  @Test
  void shouldStoreOneMessageWhenManyThreadsPostTheSameId() throws Exception {
    int threads = 32;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<OutboxMessage>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Instant postedAt = AWARDED.plusMillis(i);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return outbox.post(awardNotice("KS-2016-ZP", postedAt));
                }));
      }
      start.countDown();

      List<OutboxMessage> stored = new ArrayList<>();
      for (Future<OutboxMessage> result : results) {
        stored.add(result.get(10, TimeUnit.SECONDS));
      }

      assertThat(stored).containsOnly(stored.get(0));
      assertThat(outbox.all()).containsExactly(stored.get(0));
    } finally {
      pool.shutdownNow();
    }
  }
}
