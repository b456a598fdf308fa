package io.civicflow.workers.casework;

import io.camunda.client.annotation.JobKey;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.camunda.CompletedTasks;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The jobs of case-work: {@code casework.open-case} and {@code casework.record-step}. */
@Component
public class CaseWorker {

  private final CaseRecording recording;
  private final CompletedTasks completedTasks;

  public CaseWorker(CaseRecording recording, CompletedTasks completedTasks) {
    this.recording = recording;
    this.completedTasks = completedTasks;
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
   * The case number, the step and its level, who may act on it, the task whose assignee did the
   * step ({@code byTask}, an element id, from the step's input mapping), and the fields of the
   * forms whose steps are recorded.
   */
  public record StepInput(
      String caseNo,
      CaseStepKind step,
      String level,
      Assessment assessment,
      String station,
      String caseWorker,
      String byTask,
      String intakeDecision,
      String refusalReason,
      String referredTo,
      String planType,
      Boolean planApproved,
      String comments,
      String sessionDate,
      String content,
      String reviewProgress,
      String reviewSummary,
      String reviewDecision,
      String closureReason,
      String closureSummary,
      String followUpStatus,
      String followUpNotes,
      String now) {

    /** What the record says about this step, in Chinese. */
    String details() {
      List<String> parts = new ArrayList<>();
      switch (step) {
        case INTAKE_ACCEPTED -> add(parts, "受理", "同意受理");
        case REFUSED -> add(parts, "不予受理原因", refusalReason);
        case REFERRED -> add(parts, "转介至", referredTo);
        case GRADED -> {
          add(parts, "等级", level);
          if (assessment != null) {
            add(parts, "风险评分", assessment.riskScore() == null ? null : "" + assessment.riskScore());
            add(parts, "紧急", Boolean.TRUE.equals(assessment.urgent()) ? "是" : "否");
            add(parts, "需求", assessment.needs());
          }
        }
        case PLAN_APPROVED, PLAN_REJECTED -> {
          add(parts, "方案类型", planType);
          add(parts, "审批意见", comments);
        }
        case SESSION -> {
          add(parts, "会谈日期", sessionDate);
          add(parts, "方案类型", planType);
          add(parts, "内容", content);
        }
        case REVIEW, SUPERVISED -> {
          add(parts, "进展", reviewProgress);
          add(parts, "复评意见", reviewSummary);
          add(parts, "处理", reviewDecision);
        }
        case CLOSED -> {
          add(parts, "结案原因", closureReason);
          add(parts, "结案评估", closureSummary);
        }
        case FOLLOWED_UP, REOPENED -> {
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

  public record Recorded(CaseStepKind lastStep, long stepsRecorded, String lastStepBy) {}

  /**
   * {@code casework.record-step}: one step into the case record, with who did it — the assignee of
   * the completed task {@code byTask}, as the engine recorded it (never what a form says).
   */
  @JobWorker(type = "casework.record-step")
  public Recorded recordStep(
      ActivatedJob job, @VariablesAsType StepInput input, @JobKey long jobKey) {
    String actedBy =
        input.byTask() == null || input.byTask().isBlank()
            ? null
            : completedTasks.assigneeOf(job.getProcessInstanceKey(), input.byTask()).orElse(null);
    return recordStep(input, jobKey, actedBy);
  }

  /** Records the step as done by {@code actedBy} (null: nobody in particular). */
  public Recorded recordStep(StepInput input, long jobKey, String actedBy) {
    if (input.step() == null) {
      throw new IllegalArgumentException("casework.record-step needs the step (input mapping)");
    }
    return new Recorded(
        input.step(),
        recording.record(
            input.caseNo(),
            input.step(),
            input.station(),
            input.caseWorker(),
            actedBy,
            input.level(),
            input.details(),
            jobKey,
            ProcessTime.parse(input.now())),
        actedBy == null ? "" : actedBy);
  }
}
