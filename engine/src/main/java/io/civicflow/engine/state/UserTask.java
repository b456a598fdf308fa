package io.civicflow.engine.state;

import java.util.List;
import java.util.Map;

/** An open Camunda user task (created, not yet completed or canceled). Mutated only by appliers. */
public final class UserTask {

  /**
   * The task's data as a transition proposes it (the command's change plus the task listeners'
   * corrections so far), applied to the task when the transition ends, dropped when it is denied.
   *
   * @param transition CREATING, ASSIGNING, UPDATING or COMPLETING
   * @param variables a completion's variables, applied when the completion ends
   */
  public record Transition(
      String transition,
      String action,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      int priority,
      List<String> changedAttributes,
      Map<String, Object> variables) {}

  private final long key;
  private final long elementInstanceKey;
  private final long processInstanceKey;
  private final Long formKey;
  private final String externalFormReference;
  private final Map<String, String> customHeaders;
  String assignee;
  List<String> candidateGroups;
  List<String> candidateUsers;
  String dueDate;
  String followUpDate;
  int priority;

  /** The transition under way (its task listeners run), or null: the task is CREATED. */
  Transition transition;

  UserTask(
      long key,
      long elementInstanceKey,
      long processInstanceKey,
      Long formKey,
      String externalFormReference,
      Map<String, String> customHeaders) {
    this.key = key;
    this.elementInstanceKey = elementInstanceKey;
    this.processInstanceKey = processInstanceKey;
    this.formKey = formKey;
    this.externalFormReference = externalFormReference;
    this.customHeaders = customHeaders;
  }

  public long key() {
    return key;
  }

  public long elementInstanceKey() {
    return elementInstanceKey;
  }

  public long processInstanceKey() {
    return processInstanceKey;
  }

  public Long formKey() {
    return formKey;
  }

  public String externalFormReference() {
    return externalFormReference;
  }

  public Map<String, String> customHeaders() {
    return customHeaders;
  }

  public String assignee() {
    return assignee;
  }

  public List<String> candidateGroups() {
    return candidateGroups;
  }

  public List<String> candidateUsers() {
    return candidateUsers;
  }

  public String dueDate() {
    return dueDate;
  }

  public String followUpDate() {
    return followUpDate;
  }

  public int priority() {
    return priority;
  }

  public Transition transition() {
    return transition;
  }

  /** CREATED, or the transition under way (CREATING, ASSIGNING, UPDATING, COMPLETING). */
  public String lifecycleState() {
    return transition == null ? "CREATED" : transition.transition();
  }
}
