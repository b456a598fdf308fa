package io.civicflow.workers.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.WorkingDayCalendar;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapping the procurement workers do themselves: yuan to fen, defaults, winner and now. */
class ProcurementWorkersTest {

  private final Deadlines deadlines = new Deadlines(WorkingDayCalendar.fromClasspath());

  @Test
  void theRoundWorkerConvertsYuanToFenAndFillsTheKunshanDefaults() {
    RoundWorker worker = new RoundWorker(new RoundPlanning(deadlines));

    RoundWorker.Output out =
        worker.prepare(
            new RoundWorker.Input(
                2016,
                "昆山市2016年社区社会工作服务项目",
                null,
                null,
                null,
                null,
                null,
                "30/40/30",
                null,
                "2016-09-01",
                "2016-08-31",
                null,
                null,
                null,
                "2016-07-01T09:00:00.000+08:00[Asia/Shanghai]"));

    assertThat(out.annualBudgetPerUnitFen()).isEqualTo(80_000_000L);
    assertThat(out.contractValueFen()).isEqualTo(80_000_000L);
    assertThat(out.evaluationPoolFen()).isEqualTo(40_000_000L);
    assertThat(out.openTenderThresholdFen()).isEqualTo(100_000_000L);
    assertThat(out.units()).hasSize(15);
    assertThat(out.minimumFullTimeMembers()).isEqualTo(5);
    assertThat(out.signDeadline()).isEqualTo("2016-09-01T00:00:00+08:00");
  }

  @Test
  void aGivenContractValueIsConvertedExactly() {
    RoundWorker worker = new RoundWorker(new RoundPlanning(deadlines));

    RoundWorker.Output out =
        worker.prepare(
            new RoundWorker.Input(
                2016,
                "苏州",
                "KS",
                new BigDecimal("1000000"),
                new BigDecimal("999999.99"),
                new BigDecimal("400000"),
                new BigDecimal("2000000"),
                "40/30/30",
                List.of("ZP"),
                "2016-09-01",
                "2016-08-31",
                9,
                50,
                null,
                "2016-07-01T09:00:00+08:00"));

    assertThat(out.annualBudgetPerUnitFen()).isEqualTo(100_000_000L);
    assertThat(out.contractValueFen()).isEqualTo(99_999_999L);
    assertThat(out.openTenderThresholdFen()).isEqualTo(200_000_000L);
    assertThat(out.minimumProfessionalPercent()).isEqualTo(50);
    assertThat(out.trancheBasisPoints()).containsExactly(4000, 3000, 3000);
  }

  @Test
  void theWinnerIsABidderIdOrARankingEntry() throws Exception {
    ObjectMapper json = new ObjectMapper();

    assertThat(AwardWorker.winnerId(json.readTree("\"B\""))).isEqualTo("B");
    assertThat(AwardWorker.winnerId(json.readTree("{\"rank\":1,\"bidderId\":\"B\"}")))
        .isEqualTo("B");
    assertThatThrownBy(() -> AwardWorker.winnerId(json.readTree("null")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLateClarificationIsCountedMovesTheDeadlineAndIsPublishedAsACorrection() {
    io.civicflow.workers.outbox.InMemoryOutbox outbox =
        new io.civicflow.workers.outbox.InMemoryOutbox();
    TenderWorker worker = new TenderWorker(new TenderScheduling(deadlines, outbox));
    TenderWorker.ClarificationInput clarification =
        new TenderWorker.ClarificationInput(
            "KSCG-2016-ZP",
            "张浦镇",
            "竞争性磋商",
            1,
            "服务人数由3000人更正为3500人",
            "2016-08-11T09:00:00+08:00",
            5,
            null,
            "2016-08-08T16:00:00+08:00[Asia/Shanghai]");

    TenderWorker.MovedDeadline moved = worker.moveBidDeadline(clarification);
    worker.moveBidDeadline(clarification); // a retried job

    // 14 August is a Sunday: the moved deadline is Monday morning
    assertThat(moved).isEqualTo(new TenderWorker.MovedDeadline("2016-08-15T09:00:00+08:00", 1));
    assertThat(outbox.find("notice.correction", "KSCG-2016-ZP"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.recipientGroup()).isEqualTo("public");
              assertThat(m.fields())
                  .containsEntry("originalNotice", "张浦镇社区社会工作服务项目竞争性磋商公告（第1次）")
                  .containsEntry("bidDeadline", "2016-08-15T09:00:00+08:00")
                  .containsEntry("purchaser", "昆山市民政局");
              assertThat(m.fields().get("correction"))
                  .contains("服务人数由3000人更正为3500人")
                  .contains("由2016-08-11T09:00:00+08:00顺延至2016-08-15T09:00:00+08:00");
            });
  }
}
