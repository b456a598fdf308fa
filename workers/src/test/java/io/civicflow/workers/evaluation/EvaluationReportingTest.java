package io.civicflow.workers.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.outbox.InMemoryOutbox;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.registry.InMemoryProviderRegistry;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class EvaluationReportingTest {

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final InMemoryProviderRegistry registry = new InMemoryProviderRegistry();
  private final EvaluationReporting reporting = new EvaluationReporting(outbox, registry);

  @Test
  void theReportReachesBothSidesAndTheRegisterOnce() {
    for (int retry = 0; retry < 2; retry++) {
      reporting.publish(
          "KS-2016-ZP-Y1",
          "ORG-1",
          "ZP",
          1,
          "MIDTERM",
          new BigDecimal("85.5"),
          "良好",
          true,
          ProcessTime.parse("2017-03-20T10:00:00+08:00"));
    }

    assertThat(outbox.find("report.evaluation", "KS-2016-ZP-Y1"))
        .extracting(OutboxMessage::recipientGroup)
        .containsExactlyInAnyOrder("org:ORG-1", "district-ZP");
    assertThat(outbox.all().get(0).title()).isEqualTo("KS-2016-ZP-Y1 第1合同年度中期评估报告");
    assertThat(registry.evaluationsOf("ORG-1"))
        .singleElement()
        .satisfies(e -> assertThat(e.grade()).isEqualTo("良好"));
  }

  @Test
  void theWorkerNeedsTheMilestoneAndReturnsWhenItPublished() {
    EvaluationReportWorker worker = new EvaluationReportWorker(reporting, null);

    String publishedAt =
        worker.report(
            new EvaluationReportWorker.Input(
                "KS-2016-ZP-Y1",
                "ORG-1",
                "ZP",
                new io.civicflow.workers.contract.Milestone(
                    2, "FINAL", 3, "2018-08-01T09:00:00+08:00", null),
                new BigDecimal("58.0"),
                "不合格",
                false,
                null,
                "2018-08-20T10:00:00.5+08:00[Asia/Shanghai]"));

    assertThat(publishedAt).isEqualTo("2018-08-20T10:00:00+08:00");
    assertThat(registry.evaluationsOf("ORG-1").get(0).kind()).isEqualTo("FINAL");
  }
}
