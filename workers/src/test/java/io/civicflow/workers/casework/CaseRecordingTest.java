package io.civicflow.workers.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.registry.CaseEntry;
import io.civicflow.workers.registry.CaseRecords;
import io.civicflow.workers.registry.CaseStep;
import io.civicflow.workers.registry.InMemoryRecords;
import org.junit.jupiter.api.Test;

/** 全过程留痕: a case is opened once per job and every step is recorded once. */
class CaseRecordingTest {

  private final CaseRecords records = InMemoryRecords.cases();
  private final CaseWorker worker = new CaseWorker(new CaseRecording(records), null);

  private static final String NOW = "2025-03-03T09:00:00+08:00[Asia/Shanghai]";

  @Test
  void aCaseIsOpenedOncePerJobWithADatedNumber() {
    CaseWorker.OpenInput intake =
        new CaseWorker.OpenInput("王阿婆", "ELDERLY_LIVING_ALONE", "南郊社区", "SELF", null, NOW);

    CaseWorker.Opened opened = worker.open(intake, 42L);

    assertThat(opened.caseNo()).matches("CASE-20250303-[0-9a-f]{6}");
    assertThat(opened.openedAt()).isEqualTo("2025-03-03T09:00:00+08:00");
    assertThat(worker.open(intake, 42L)).isEqualTo(opened);
    assertThat(worker.open(intake, 43L).caseNo()).isNotEqualTo(opened.caseNo());
    assertThatThrownBy(
            () ->
                worker.open(new CaseWorker.OpenInput("王阿婆", null, null, "WALK_IN", null, NOW), 44L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyStepIsRecordedOnceWithWhatTheWorkerWrote() {
    CaseWorker.Recorded graded =
        worker.recordStep(
            step("CASE-1", CaseStepKind.GRADED, new CaseWorker.Assessment(80, false, "陪同就医")),
            1L,
            "worker1");
    worker.recordStep(step("CASE-1", CaseStepKind.GRADED, null), 1L, "worker1");
    CaseWorker.Recorded reviewed =
        worker.recordStep(step("CASE-1", CaseStepKind.REVIEW, null), 2L, "supervisor1");

    assertThat(graded.lastStep()).isEqualTo(CaseStepKind.GRADED);
    assertThat(graded.stepsRecorded()).isEqualTo(1);
    assertThat(reviewed.stepsRecorded()).isEqualTo(2);
    assertThat(records.historyOf("CASE-1"))
        .extracting(CaseEntry::entryId, CaseEntry::step)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("case:CASE-1:GRADED:1", CaseStep.GRADED),
            org.assertj.core.groups.Tuple.tuple("case:CASE-1:REVIEWED:2", CaseStep.REVIEWED));
    assertThat(records.historyOf("CASE-1"))
        .extracting(CaseEntry::note)
        .containsExactly("等级：HIGH；风险评分：80；紧急：否；需求：陪同就医", "进展：STABLE；复评意见：情绪稳定；处理：CONTINUE");
    // who did each step, and for whom
    assertThat(records.historyOf("CASE-1"))
        .extracting(CaseEntry::actedBy, CaseEntry::station, CaseEntry::socialWorker)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("worker1", "shaxi", "worker1"),
            org.assertj.core.groups.Tuple.tuple("supervisor1", "shaxi", "worker1"));
    assertThat(reviewed.lastStepBy()).isEqualTo("supervisor1");
    assertThat(
            ProcessTime.format(
                records.historyOf("CASE-1").get(0).recordedAt().atZone(ProcessTime.ZONE)))
        .isEqualTo("2025-03-03T09:00:00+08:00");
  }

  private static CaseWorker.StepInput step(
      String caseNo, CaseStepKind step, CaseWorker.Assessment assessment) {
    return new CaseWorker.StepInput(
        caseNo,
        step,
        "HIGH",
        assessment,
        "shaxi",
        "worker1",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        "STABLE",
        "情绪稳定",
        "CONTINUE",
        null,
        null,
        null,
        null,
        NOW);
  }
}
