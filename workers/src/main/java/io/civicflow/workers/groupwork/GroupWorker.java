package io.civicflow.workers.groupwork;

import io.camunda.client.annotation.JobKey;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.registry.GroupEntry;
import io.civicflow.workers.registry.GroupStep;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The jobs of group-work: {@code groupwork.open-group}, {@code groupwork.plan-sessions} and {@code
 * groupwork.record-step}.
 */
@Component
public class GroupWorker {

  private final GroupRecording recording;

  public GroupWorker(GroupRecording recording) {
    this.recording = recording;
  }

  public record OpenInput(
      String groupName,
      String station,
      String groupWorker,
      String memberNames,
      Integer plannedSessions,
      String now) {}

  public record Opened(String groupNo, String district) {}

  @JobWorker(type = "groupwork.open-group")
  public Opened open(@VariablesAsType OpenInput input, @JobKey long jobKey) {
    GroupEntry opened =
        recording.open(
            new GroupRecording.Plan(
                input.groupName(),
                input.station(),
                input.groupWorker(),
                input.memberNames(),
                input.plannedSessions()),
            jobKey,
            ProcessTime.parse(input.now()));
    return new Opened(opened.groupNo(), opened.district());
  }

  public record PlanInput(
      String memberNames,
      Integer plannedSessions,
      String firstSessionDate,
      Integer sessionIntervalDays,
      String now) {}

  /** An option of the attendance checklist (form-js {@code valuesKey}). */
  public record Option(String label, String value) {}

  public record Planned(
      List<String> members, List<Option> memberOptions, List<GroupRecording.Session> sessions) {}

  @JobWorker(type = "groupwork.plan-sessions")
  public Planned planSessions(@VariablesAsType PlanInput input) {
    List<String> members = GroupRecording.members(input.memberNames());
    return new Planned(
        members,
        members.stream().map(name -> new Option(name, name)).toList(),
        GroupRecording.schedule(
            input.plannedSessions(),
            input.firstSessionDate(),
            input.sessionIntervalDays(),
            ProcessTime.parse(input.now())));
  }

  /**
   * The group, the step and the fields of the forms whose steps are recorded: group-plan-approval,
   * group-session, group-evaluation, group-supervision and group-closure.
   */
  public record StepInput(
      String groupNo,
      String station,
      String groupWorker,
      GroupStep step,
      GroupRecording.Session session,
      List<String> members,
      List<String> attendance,
      String approvalComment,
      String sessionTopic,
      String sessionContent,
      String goalAchievement,
      BigDecimal satisfactionScore,
      String evaluationSummary,
      String supervisionComment,
      String closureSummary,
      String now) {

    /** What the record says about this step, in Chinese. */
    String details() {
      List<String> parts = new ArrayList<>();
      switch (step) {
        case PLAN_APPROVED, PLAN_RETURNED -> add(parts, "审批意见", approvalComment);
        case SESSION -> {
          add(parts, "主题", sessionTopic);
          add(parts, "出席", attendance == null ? null : String.join("、", attendance));
          add(parts, "内容", sessionContent);
        }
        case EVALUATED -> {
          add(parts, "目标达成", goalAchievement);
          add(parts, "组员满意度", satisfactionScore == null ? null : satisfactionScore.toPlainString());
          add(parts, "评估", evaluationSummary);
        }
        case SUPERVISED -> add(parts, "督导意见", supervisionComment);
        case CLOSED -> add(parts, "结组总结", closureSummary);
        case OPENED -> {}
      }
      return String.join("；", parts);
    }

    private static void add(List<String> parts, String label, String value) {
      if (value != null && !value.isBlank()) {
        parts.add(label + "：" + value);
      }
    }
  }

  public record Recorded(GroupStep lastGroupStep, long groupStepsRecorded) {}

  @JobWorker(type = "groupwork.record-step")
  public Recorded recordStep(@VariablesAsType StepInput input, @JobKey long jobKey) {
    if (input.step() == null) {
      throw new IllegalArgumentException("groupwork.record-step needs the step (input mapping)");
    }
    if (input.step() == GroupStep.SESSION && input.session() == null) {
      throw new IllegalArgumentException("A session step needs the session (multi-instance)");
    }
    return new Recorded(
        input.step(),
        recording.record(
            input.groupNo(),
            input.station(),
            input.groupWorker(),
            input.step(),
            input.step() == GroupStep.SESSION ? input.session().sessionNo() : null,
            input.members() == null ? null : input.members().size(),
            input.step() == GroupStep.SESSION
                ? (input.attendance() == null ? 0 : input.attendance().size())
                : null,
            input.details(),
            jobKey,
            ProcessTime.parse(input.now())));
  }
}
