package io.civicflow.workers.casework;

import io.camunda.client.annotation.JobKey;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The jobs of case-work: {@code casework.open-case} and {@code casework.record-step}. */
@Component
public class CaseWorker {

  private final CaseRecording recording;

  public CaseWorker(CaseRecording recording) {
    this.recording = recording;
  }

  public record OpenInput(
      String residentName,
      String residentCategory,
      String community,
      String referralType,
      String referralOrderNo,
      String station,
      String now) {

    public OpenInput(
        String residentName,
        String residentCategory,
        String community,
        String referralType,
        String referralOrderNo,
        String now) {
      this(residentName, residentCategory, community, referralType, referralOrderNo, null, now);
    }
  }

  public record Opened(String caseNo, String openedAt) {}

  @JobWorker(type = "casework.open-case")
  public Opened open(@VariablesAsType OpenInput input, @JobKey long jobKey) {
    CaseFile file =
        recording.open(
            input.residentName(),
            input.residentCategory(),
            input.community(),
            input.referralType(),
            input.referralOrderNo(),
            input.station(),
            jobKey,
            ProcessTime.parse(input.now()));
    return new Opened(file.caseNo(), ProcessTime.format(file.openedAt().atZone(ProcessTime.ZONE)));
  }

  /** The initial assessment, as the assessment task's output mapping shapes it. */
  public record Assessment(Integer riskScore, Boolean urgent, String needs) {}

  /**
   * The case number, the step and its level, and the fields of the forms whose steps are recorded:
   * case-plan (planType, goals), case-session, case-review, case-closure and case-follow-up.
   */
  public record StepInput(
      String caseNo,
      CaseStepKind step,
      String level,
      Assessment assessment,
      String planType,
      String sessionDate,
      String content,
      String reviewProgress,
      String reviewSummary,
      String closureReason,
      String closureSummary,
      String followUpStatus,
      String followUpNotes,
      String now) {

    /** What the record says about this step, in Chinese. */
    String details() {
      List<String> parts = new ArrayList<>();
      switch (step) {
        case GRADED -> {
          add(parts, "等级", level);
          if (assessment != null) {
            add(parts, "风险评分", assessment.riskScore() == null ? null : "" + assessment.riskScore());
            add(parts, "紧急", Boolean.TRUE.equals(assessment.urgent()) ? "是" : "否");
            add(parts, "需求", assessment.needs());
          }
        }
        case SESSION -> {
          add(parts, "会谈日期", sessionDate);
          add(parts, "方案类型", planType);
          add(parts, "内容", content);
        }
        case REVIEW -> {
          add(parts, "进展", reviewProgress);
          add(parts, "复评意见", reviewSummary);
        }
        case CLOSED -> {
          add(parts, "结案原因", closureReason);
          add(parts, "结案评估", closureSummary);
        }
        case FOLLOWED_UP -> {
          add(parts, "回访情况", followUpStatus);
          add(parts, "回访记录", followUpNotes);
        }
      }
      return String.join("；", parts);
    }

    private static void add(List<String> parts, String label, String value) {
      if (value != null && !value.isBlank()) {
        parts.add(label + "：" + value);
      }
    }
  }

  public record Recorded(CaseStepKind lastStep, long stepsRecorded) {}

  @JobWorker(type = "casework.record-step")
  public Recorded recordStep(@VariablesAsType StepInput input, @JobKey long jobKey) {
    if (input.step() == null) {
      throw new IllegalArgumentException("casework.record-step needs the step (input mapping)");
    }
    return new Recorded(
        input.step(),
        recording.record(
            input.caseNo(),
            input.step(),
            input.level(),
            input.details(),
            jobKey,
            ProcessTime.parse(input.now())));
  }
}
