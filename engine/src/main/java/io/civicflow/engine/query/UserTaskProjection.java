package io.civicflow.engine.query;

import io.civicflow.engine.api.Commands;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.UserTaskEvent;
import io.civicflow.engine.event.UserTaskEvent.UserTaskAssigned;
import io.civicflow.engine.event.UserTaskEvent.UserTaskCanceled;
import io.civicflow.engine.event.UserTaskEvent.UserTaskCompleted;
import io.civicflow.engine.event.UserTaskEvent.UserTaskCreated;
import io.civicflow.engine.event.UserTaskEvent.UserTaskUpdated;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.query.Records.ProcessDefinitionRecord;
import io.civicflow.engine.query.Records.UserTaskRecord;
import io.civicflow.engine.query.Records.UserTaskState;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/** The user tasks of the read model (history included), fed by {@link ReadModelProjection}. */
final class UserTaskProjection {

  private final LongFunction<ExecutableProcess> processes;
  private final LongFunction<ProcessDefinitionRecord> definitions;
  private final InstanceKeyedRecords<Long, UserTaskRecord> tasks =
      new InstanceKeyedRecords<>(UserTaskRecord::processInstanceKey);

  UserTaskProjection(
      LongFunction<ExecutableProcess> processes,
      LongFunction<ProcessDefinitionRecord> definitions) {
    this.processes = processes;
    this.definitions = definitions;
  }

  /** Answers whether the event was a user-task event. */
  boolean apply(EngineEvent event, long time) {
    if (event instanceof UserTaskCreated e) {
      created(e, time);
    } else if (event instanceof UserTaskAssigned e) {
      update(
          e.key(),
          t ->
              with(
                  t,
                  t.state(),
                  e.assignee(),
                  t.candidateGroups(),
                  t.candidateUsers(),
                  t.dueDate(),
                  t.followUpDate(),
                  t.priority(),
                  t.completionDate()));
    } else if (event instanceof UserTaskUpdated e) {
      update(
          e.key(),
          t ->
              with(
                  t,
                  t.state(),
                  t.assignee(),
                  e.candidateGroups(),
                  e.candidateUsers(),
                  e.dueDate(),
                  e.followUpDate(),
                  e.priority(),
                  t.completionDate()));
    } else if (event instanceof UserTaskCompleted e) {
      update(
          e.key(),
          t ->
              with(
                  t,
                  UserTaskState.COMPLETED,
                  t.assignee(),
                  t.candidateGroups(),
                  t.candidateUsers(),
                  t.dueDate(),
                  t.followUpDate(),
                  t.priority(),
                  time));
    } else if (event instanceof UserTaskEvent.UserTaskTransitionStarted e) {
      update(e.key(), t -> withState(t, UserTaskState.valueOf(e.transition())));
    } else if (event instanceof UserTaskEvent.UserTaskTransitionDenied e) {
      update(e.key(), t -> withState(t, UserTaskState.CREATED));
    } else if (event instanceof UserTaskEvent.UserTaskCorrected) {
      // the corrections are proposed data, shown when the transition ends
    } else if (event instanceof UserTaskEvent.UserTaskTransitionEnded e) {
      update(
          e.key(),
          t ->
              with(
                  t,
                  UserTaskState.CREATED,
                  e.assignee(),
                  e.candidateGroups(),
                  e.candidateUsers(),
                  e.dueDate(),
                  e.followUpDate(),
                  e.priority(),
                  t.completionDate()));
    } else if (event instanceof UserTaskCanceled e) {
      update(
          e.key(),
          t ->
              with(
                  t,
                  UserTaskState.CANCELED,
                  t.assignee(),
                  t.candidateGroups(),
                  t.candidateUsers(),
                  t.dueDate(),
                  t.followUpDate(),
                  t.priority(),
                  time));
    } else {
      return false;
    }
    return true;
  }

  private void created(UserTaskCreated e, long time) {
    ExecutableProcess process = processes.apply(e.processDefinitionKey());
    ExecutableElement element = process.element(e.elementId());
    ProcessDefinitionRecord definition = definitions.apply(e.processDefinitionKey());
    tasks.put(
        e.key(),
        new UserTaskRecord(
            e.key(),
            e.elementInstanceKey(),
            e.processInstanceKey(),
            e.processDefinitionKey(),
            process.bpmnProcessId(),
            definition == null ? 0 : definition.version(),
            process.name() == null ? process.bpmnProcessId() : process.name(),
            e.elementId(),
            element == null || element.name() == null ? e.elementId() : element.name(),
            UserTaskState.CREATED,
            e.assignee(),
            e.candidateGroups(),
            e.candidateUsers(),
            e.dueDate(),
            e.followUpDate(),
            time,
            null,
            e.priority(),
            e.formKey(),
            e.externalFormReference(),
            e.customHeaders(),
            definition == null ? Commands.DEFAULT_TENANT : definition.tenantId()));
  }

  private static UserTaskRecord withState(UserTaskRecord t, UserTaskState state) {
    return with(
        t,
        state,
        t.assignee(),
        t.candidateGroups(),
        t.candidateUsers(),
        t.dueDate(),
        t.followUpDate(),
        t.priority(),
        t.completionDate());
  }

  /** A migrated user task reports its new definition and element. */
  void migrated(
      long key,
      ExecutableProcess target,
      ProcessDefinitionRecord definition,
      String elementId,
      String elementName) {
    update(
        key,
        t ->
            new UserTaskRecord(
                t.userTaskKey(),
                t.elementInstanceKey(),
                t.processInstanceKey(),
                definition.processDefinitionKey(),
                target.bpmnProcessId(),
                definition.version(),
                target.name() == null ? target.bpmnProcessId() : target.name(),
                elementId,
                elementName,
                t.state(),
                t.assignee(),
                t.candidateGroups(),
                t.candidateUsers(),
                t.dueDate(),
                t.followUpDate(),
                t.creationDate(),
                t.completionDate(),
                t.priority(),
                t.formKey(),
                t.externalFormReference(),
                t.customHeaders(),
                t.tenantId()));
  }

  private void update(long key, UnaryOperator<UserTaskRecord> change) {
    tasks.computeIfPresent(key, (k, t) -> change.apply(t));
  }

  private static UserTaskRecord with(
      UserTaskRecord t,
      UserTaskState state,
      String assignee,
      List<String> groups,
      List<String> users,
      String dueDate,
      String followUpDate,
      int priority,
      Long completionDate) {
    return new UserTaskRecord(
        t.userTaskKey(),
        t.elementInstanceKey(),
        t.processInstanceKey(),
        t.processDefinitionKey(),
        t.bpmnProcessId(),
        t.processDefinitionVersion(),
        t.processName(),
        t.elementId(),
        t.name(),
        state,
        assignee,
        groups,
        users,
        dueDate,
        followUpDate,
        t.creationDate(),
        completionDate,
        priority,
        t.formKey(),
        t.externalFormReference(),
        t.customHeaders(),
        t.tenantId());
  }

  /** {@link HistoryExport.Holder#history}. */
  void history(java.util.Set<Long> keys, HistoryExport.HistoryOut out) {
    tasks.history(
        io.civicflow.engine.history.HistoryKind.USER_TASK, UserTaskRecord::userTaskKey, keys, out);
  }

  /** {@link HistoryExport.Holder#evict}. */
  void evict(java.util.Set<Long> keys) {
    tasks.evict(keys);
  }

  void clear() {
    tasks.clear();
  }

  List<UserTaskRecord> image() {
    return ReadModelImage.sorted(tasks.values(), UserTaskRecord::userTaskKey);
  }

  void restore(List<UserTaskRecord> image) {
    tasks.clear();
    image.forEach(r -> tasks.put(r.userTaskKey(), r));
  }

  Collection<UserTaskRecord> all() {
    return tasks.values();
  }

  Optional<UserTaskRecord> get(long key) {
    return Optional.ofNullable(tasks.get(key));
  }

  /** How many records the history export's per-instance lookups looked at (for tests). */
  long historyVisits() {
    return tasks.visited();
  }
}
