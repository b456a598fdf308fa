package io.civicflow.engine.journal;

import io.civicflow.engine.Engine;
import io.civicflow.engine.access.AuthorizationGrant;
import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.access.OwnerType;
import io.civicflow.engine.access.PermissionType;
import io.civicflow.engine.access.ResourceType;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.AssignUserTask;
import io.civicflow.engine.api.Commands.BroadcastSignal;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CompleteUserTask;
import io.civicflow.engine.api.Commands.CreateAuthorization;
import io.civicflow.engine.api.Commands.CreateEntity;
import io.civicflow.engine.api.Commands.CreateMappingRule;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.DeleteEntity;
import io.civicflow.engine.api.Commands.DeleteMappingRule;
import io.civicflow.engine.api.Commands.DeleteUser;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.api.Commands.EvaluateDecision;
import io.civicflow.engine.api.Commands.FailJob;
import io.civicflow.engine.api.Commands.JobResult;
import io.civicflow.engine.api.Commands.JobResultCorrections;
import io.civicflow.engine.api.Commands.MappingInstruction;
import io.civicflow.engine.api.Commands.MigrateProcessInstance;
import io.civicflow.engine.api.Commands.PublishMessage;
import io.civicflow.engine.api.Commands.SeedIdentity;
import io.civicflow.engine.api.Commands.SeedUser;
import io.civicflow.engine.api.Commands.ThrowError;
import io.civicflow.engine.api.Commands.UnassignUserTask;
import io.civicflow.engine.api.Commands.UpdateAuthorization;
import io.civicflow.engine.api.Commands.UpdateEntity;
import io.civicflow.engine.api.Commands.UpdateJob;
import io.civicflow.engine.api.Commands.UpdateMappingRule;
import io.civicflow.engine.api.Commands.UpdateUser;
import io.civicflow.engine.api.Commands.UpdateUserTask;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.query.Records.UserTaskRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives an engine on a fixed clock through every kind of event it journals (the comments name the
 * events each step adds), with the resources in {@code journal/all-events/}. Every step waits for
 * its answer, so the journal it leaves is the same on every run: {@code JournalFormatTest} pins it.
 */
final class AllEventsScenario {

  /** The instances the scenario leaves, as {@code bpmnProcessId:state}. */
  static final String[] INSTANCES = {
    "golden-joins:COMPLETED",
    "golden-joins:COMPLETED",
    "golden-job:COMPLETED",
    "golden-job:COMPLETED",
    "golden-waits:COMPLETED",
    "golden-waits:TERMINATED",
    "golden-message-start:COMPLETED",
    "golden-listener:COMPLETED",
    "golden-task-listener:COMPLETED",
    "golden-migrate:COMPLETED"
  };

  private static final String[] RESOURCES = {
    "joins.bpmn",
    "job.bpmn",
    "waits.bpmn",
    "message-start.bpmn",
    "grade.dmn",
    "listener.bpmn",
    "task-listener.bpmn"
  };

  private final Engine engine;

  AllEventsScenario(Engine engine) {
    this.engine = engine;
  }

  void run() throws Exception {
    // Purged
    engine.purge().get();
    // ResourceDeployed (processes, decision requirements), DecisionDeployed, DeploymentContents,
    // MessageSubscriptionCreated (the message start event)
    List<DeployResource> resources = new ArrayList<>();
    for (String name : RESOURCES) {
      resources.add(new DeployResource(name, resource(name)));
    }
    engine.deploy(new Deploy(resources, null)).get();

    joins();
    jobLifecycle();
    waits();

    // MessagePublished, MessageCorrelated, ElementActivating… of a new instance, and
    // MessageStartLockReleased when it ends
    engine
        .publishMessage(new PublishMessage("golden-tender", "KS-3", 0, null, Map.of(), null))
        .get();
    // DecisionEvaluated
    engine
        .evaluateDecision(new EvaluateDecision(null, "golden-grade", Map.of("score", 95), null))
        .get();
    // ListenerJobCreated: an execution listener's job, completed
    create("golden-listener", Map.of());
    engine.completeJob(new CompleteJob(activate("golden-listen", 60_000).jobKey(), Map.of())).get();
    taskListeners();
    migration();
    identity();
  }

  /** A user task's assigning listener corrects one assignment and denies the next. */
  private void taskListeners() throws Exception {
    long task = userTask(create("golden-task-listener", Map.of()));
    // UserTaskTransitionStarted, ListenerJobCreated (TASK_LISTENER), UserTaskCorrected,
    // UserTaskTransitionEnded
    var assigned = engine.assignUserTask(new AssignUserTask(task, "agency1", true, null));
    engine
        .completeJob(
            new CompleteJob(
                activate("golden-assigning", 60_000).jobKey(),
                Map.of(),
                JobResult.userTask(
                    null,
                    false,
                    null,
                    new JobResultCorrections(null, null, null, null, List.of("district"), 70))))
        .get();
    assigned.get();
    // UserTaskTransitionDenied
    var denied = engine.assignUserTask(new AssignUserTask(task, "agency2", true, null));
    engine
        .completeJob(
            new CompleteJob(
                activate("golden-assigning", 60_000).jobKey(),
                Map.of(),
                JobResult.userTask(null, true, "not a member", null)))
        .get();
    try {
      denied.get();
      throw new IllegalStateException("expected the assignment to be denied");
    } catch (java.util.concurrent.ExecutionException expected) {
      // refused, as the listener denied it
    }
    engine.completeUserTask(new CompleteUserTask(task, Map.of(), null)).get();
  }

  /**
   * An instance waiting at a user task moved to a version with a boundary timer and a step more.
   */
  private void migration() throws Exception {
    long v1 =
        engine
            .deploy(
                new Deploy(
                    List.of(new DeployResource("migrate-v1.bpmn", resource("migrate-v1.bpmn"))),
                    null))
            .get()
            .resources()
            .stream()
            .map(r -> ((io.civicflow.engine.api.Results.DeployedProcess) r).processDefinitionKey())
            .findFirst()
            .orElseThrow();
    long instance = create("golden-migrate", Map.of());
    long v2 =
        engine
            .deploy(
                new Deploy(
                    List.of(new DeployResource("migrate-v2.bpmn", resource("migrate-v2.bpmn"))),
                    null))
            .get()
            .resources()
            .stream()
            .map(r -> ((io.civicflow.engine.api.Results.DeployedProcess) r).processDefinitionKey())
            .findFirst()
            .orElseThrow();
    // ProcessInstanceMigrated (and TimerCreated for the target's boundary timer)
    engine
        .migrateProcessInstance(
            new MigrateProcessInstance(
                instance, v2, List.of(new MappingInstruction("Task_Review", "Task_Review"))))
        .get();
    engine.completeUserTask(new CompleteUserTask(userTask(instance), Map.of(), null)).get();
    engine.completeUserTask(new CompleteUserTask(userTask(instance), Map.of(), null)).get();
    // ResourceDeleted: version 1 runs no instance any more
    engine.deleteResource(v1).get();
    // BatchOperationCreated, BatchOperationItemExecuted (FAILED: the instance has completed)
    engine.holdBatchOperations(true);
    long batch =
        engine
            .createBatchOperation(
                new io.civicflow.engine.api.Commands.CreateBatchOperation(
                    "CANCEL_PROCESS_INSTANCE",
                    List.of(
                        new io.civicflow.engine.api.Commands.BatchItem(instance, instance, null))))
            .get();
    engine.executeBatchItem(batch, instance).get();
    // BatchOperationChanged: a migration batch (its plan journaled) suspended, resumed, canceled
    long migration =
        engine
            .createBatchOperation(
                new io.civicflow.engine.api.Commands.CreateBatchOperation(
                    "MIGRATE_PROCESS_INSTANCE",
                    List.of(
                        new io.civicflow.engine.api.Commands.BatchItem(instance, instance, null)),
                    new io.civicflow.engine.api.Commands.BatchPlan(
                        v2, List.of(new MappingInstruction("Task_Review", "Task_Review")), null)))
            .get();
    for (var change : io.civicflow.engine.api.Commands.BatchChange.values()) {
      engine
          .changeBatchOperation(
              new io.civicflow.engine.api.Commands.ChangeBatchOperation(migration, change))
          .get();
    }
  }

  /** Users, groups, roles, tenants, mapping rules, memberships and authorizations. */
  private void identity() throws Exception {
    String hash = "$2a$10$hY2NX9IHvx8w1fEwG7lxAe8ZSCmt3YcYkbdnL0A5c0l4mbZ5ADkbS";
    // RoleCreated, TenantCreated, UserCreated, GroupCreated, MembershipAdded,
    // AuthorizationCreated, IdentitySeeded
    engine
        .changeIdentity(
            new SeedIdentity(
                List.of(
                    new SeedUser(
                        "civil1",
                        "民政科员",
                        "civil1@example.gov.cn",
                        hash,
                        Set.of("civil-affairs"),
                        Set.of(),
                        Set.of("kunshan"))),
                List.of(
                    new AuthorizationGrant(
                        0,
                        OwnerType.GROUP,
                        "civil-affairs",
                        ResourceType.PROCESS_DEFINITION,
                        "*",
                        Set.of(PermissionType.READ_PROCESS_INSTANCE)))))
        .get();
    // UserUpdated, GroupUpdated, RoleUpdated, TenantUpdated
    engine.changeIdentity(new UpdateUser("civil1", "民政科长", null, null)).get();
    engine
        .changeIdentity(new UpdateEntity(Kind.GROUP, "civil-affairs", "民政科", "Civil affairs"))
        .get();
    engine.changeIdentity(new UpdateEntity(Kind.ROLE, "admin", "管理员", "")).get();
    engine.changeIdentity(new UpdateEntity(Kind.TENANT, "kunshan", "昆山市", "")).get();
    // MappingRuleCreated, MappingRuleUpdated, MappingRuleDeleted
    engine.changeIdentity(new CreateMappingRule("rule-1", "department", "民政", "民政部门")).get();
    engine.changeIdentity(new UpdateMappingRule("rule-1", "department", "民政局", "民政部门")).get();
    engine.changeIdentity(new DeleteMappingRule("rule-1")).get();
    // AuthorizationUpdated
    long authorization =
        engine
            .changeIdentity(
                new CreateAuthorization(
                    OwnerType.USER,
                    "civil1",
                    ResourceType.PROCESS_DEFINITION,
                    "golden-waits",
                    List.of(PermissionType.READ_USER_TASK)))
            .get();
    engine
        .changeIdentity(
            new UpdateAuthorization(
                authorization,
                OwnerType.USER,
                "civil1",
                ResourceType.PROCESS_DEFINITION,
                "golden-waits",
                List.of(PermissionType.READ_USER_TASK, PermissionType.UPDATE_USER_TASK)))
        .get();
    // MembershipRemoved, AuthorizationDeleted, UserDeleted, GroupDeleted, TenantDeleted,
    // RoleDeleted
    engine.changeIdentity(new CreateEntity(Kind.ROLE, "auditor", "审计", null)).get();
    engine.changeIdentity(new DeleteUser("civil1")).get();
    engine.changeIdentity(new DeleteEntity(Kind.GROUP, "civil-affairs")).get();
    engine.changeIdentity(new DeleteEntity(Kind.TENANT, "kunshan")).get();
    engine.changeIdentity(new DeleteEntity(Kind.ROLE, "auditor")).get();
  }

  /** Parallel paths: a join consumed, and tokens waiting at a join discarded by an error. */
  private void joins() throws Exception {
    // ElementActivating/Activated, SequenceFlowTaken, VariableCreated, JobCreated
    Map<String, Object> variables = new java.util.LinkedHashMap<>(); // in a pinned order
    variables.put("applicant", "社工机构");
    variables.put("score", 0);
    create("golden-joins", variables);
    // JobActivated, JobCompleted, VariableUpdated: a token waits at the join
    engine
        .completeJob(new CompleteJob(activate("golden-a", 60_000).jobKey(), Map.of("score", 90)))
        .get();
    // JobErrorThrown, JoinTokensDiscarded, ElementTerminating/Terminated: the error event
    // sub-process interrupts the instance
    engine
        .throwError(new ThrowError(activate("golden-b", 60_000).jobKey(), "STOP", "停止", Map.of()))
        .get();

    create("golden-joins", Map.of());
    engine.completeJob(new CompleteJob(activate("golden-a", 60_000).jobKey(), Map.of())).get();
    // JoinConsumed, ElementCompleting/Completed
    engine.completeJob(new CompleteJob(activate("golden-b", 60_000).jobKey(), Map.of())).get();
  }

  /** A job through every state, then its boundary timer. */
  private void jobLifecycle() throws Exception {
    // TimerCreated, then TimerCanceled when the job completes
    create("golden-job", Map.of());
    engine.completeJob(new CompleteJob(activate("golden-work", 60_000).jobKey(), Map.of())).get();

    create("golden-job", Map.of());
    // JobFailed with a back-off; ClockChanged and JobRecurred when it has passed
    engine
        .failJob(new FailJob(activate("golden-work", 60_000).jobKey(), 1, "暂时失败", 60_000, Map.of()))
        .get();
    engine.addClockOffset(60_000).get();
    // JobTimedOut
    activate("golden-work", 10_000);
    engine.addClockOffset(70_000).get();
    // JobTimeoutUpdated, JobRetriesUpdated
    long job = activate("golden-work", 10_000).jobKey();
    engine.updateJob(new UpdateJob(job, null, 30_000L)).get();
    engine.updateJob(new UpdateJob(job, 3, null)).get();
    // IncidentCreated, then IncidentResolved
    engine.failJob(new FailJob(job, 0, "没有预算", 0, Map.of())).get();
    engine.updateJob(new UpdateJob(job, 1, null)).get();
    long incident = engine.readModel().incidents().iterator().next().incidentKey();
    engine.resolveIncident(incident).get();
    // JobYielded
    engine.yieldJobs(List.of(activate("golden-work", 60_000))).get();
    // MessagePublished (buffered), then MessageExpired; TimerTriggered and JobCanceled: the
    // boundary timer interrupts the task
    engine
        .publishMessage(
            new PublishMessage("golden-unclaimed", "KS-0", 60_000, "m-1", Map.of("n", 1), null))
        .get();
    engine.addClockOffset(3_600_000).get();
  }

  /** A message, a signal and a user task joined, then the same waits cancelled. */
  private void waits() throws Exception {
    // MessageSubscriptionCreated, SignalSubscriptionCreated, UserTaskCreated
    long first = create("golden-waits", Map.of("tenderId", "KS-1"));
    // MessagePublished, MessageCorrelated, MessageSubscriptionDeleted
    engine
        .publishMessage(new PublishMessage("golden-bid", "KS-1", 0, null, Map.of("bid", 1), null))
        .get();
    // SignalSubscriptionDeleted
    engine.broadcastSignal(new BroadcastSignal("golden-audit", Map.of(), null)).get();
    long task = userTask(first);
    // UserTaskAssigned (assigned and unassigned), UserTaskUpdated, UserTaskCompleted
    engine.assignUserTask(new AssignUserTask(task, "agency1", true, null)).get();
    engine.unassignUserTask(new UnassignUserTask(task)).get();
    engine
        .updateUserTask(
            new UpdateUserTask(
                task,
                "2016-07-08T10:00:00Z",
                null,
                List.of("procurement-agency"),
                List.of("agency1"),
                80,
                null))
        .get();
    engine.completeUserTask(new CompleteUserTask(task, Map.of("approved", true), null)).get();

    // UserTaskCanceled, MessageSubscriptionDeleted, SignalSubscriptionDeleted on cancellation
    long second = create("golden-waits", Map.of("tenderId", "KS-2"));
    engine.cancelProcessInstance(second).get();
  }

  private long create(String bpmnProcessId, Map<String, Object> variables) throws Exception {
    return engine
        .createProcessInstance(
            new CreateProcessInstance(
                bpmnProcessId,
                null,
                null,
                variables,
                List.of(),
                List.of(),
                false,
                List.of(),
                0,
                null))
        .get()
        .processInstanceKey();
  }

  /** Activates the one job of the type at once. */
  private ActivatedJob activate(String type, long timeoutMillis) throws Exception {
    List<ActivatedJob> jobs =
        engine
            .activateJobs(
                new ActivateJobs(type, "golden", timeoutMillis, 1, List.of(), -1, List.of()))
            .get();
    if (jobs.size() != 1) {
      throw new IllegalStateException("expected one job of type " + type + ", got " + jobs);
    }
    return jobs.get(0);
  }

  private long userTask(long processInstanceKey) {
    return engine.readModel().userTasks().stream()
        .filter(task -> task.processInstanceKey() == processInstanceKey)
        .filter(task -> task.state() == io.civicflow.engine.query.Records.UserTaskState.CREATED)
        .map(UserTaskRecord::userTaskKey)
        .findFirst()
        .orElseThrow();
  }

  private static byte[] resource(String name) {
    try (InputStream in =
        AllEventsScenario.class.getResourceAsStream("/journal/all-events/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
