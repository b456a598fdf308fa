package io.civicflow.engine.state;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.ClockChanged;
import io.civicflow.engine.event.EngineEvent.ElementActivated;
import io.civicflow.engine.event.EngineEvent.ElementActivating;
import io.civicflow.engine.event.EngineEvent.ElementCompleted;
import io.civicflow.engine.event.EngineEvent.ElementCompleting;
import io.civicflow.engine.event.EngineEvent.ElementTerminated;
import io.civicflow.engine.event.EngineEvent.ElementTerminating;
import io.civicflow.engine.event.EngineEvent.IncidentCreated;
import io.civicflow.engine.event.EngineEvent.IncidentResolved;
import io.civicflow.engine.event.EngineEvent.JobActivated;
import io.civicflow.engine.event.EngineEvent.JobCanceled;
import io.civicflow.engine.event.EngineEvent.JobCompleted;
import io.civicflow.engine.event.EngineEvent.JobCreated;
import io.civicflow.engine.event.EngineEvent.JobErrorThrown;
import io.civicflow.engine.event.EngineEvent.JobFailed;
import io.civicflow.engine.event.EngineEvent.JobRecurred;
import io.civicflow.engine.event.EngineEvent.JobRetriesUpdated;
import io.civicflow.engine.event.EngineEvent.JobTimedOut;
import io.civicflow.engine.event.EngineEvent.JobTimeoutUpdated;
import io.civicflow.engine.event.EngineEvent.JobYielded;
import io.civicflow.engine.event.EngineEvent.JoinConsumed;
import io.civicflow.engine.event.EngineEvent.Purged;
import io.civicflow.engine.event.EngineEvent.ResourceDeployed;
import io.civicflow.engine.event.EngineEvent.SequenceFlowTaken;
import io.civicflow.engine.event.EngineEvent.VariableCreated;
import io.civicflow.engine.event.EngineEvent.VariableUpdated;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.state.ElementInstance.Phase;
import io.civicflow.engine.state.EngineState.Due;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Applies events to {@link EngineState}: the only code that changes it. Each method is a small,
 * pure function of (state, event); no clock, no key generation, no I/O. Replaying the journal
 * through this class rebuilds the state exactly.
 */
public final class EventApplier {

  /** Turns a deployed BPMN resource back into its executable process (cached by checksum). */
  @FunctionalInterface
  public interface ProcessParser {
    ExecutableProcess parse(ResourceDeployed resource);
  }

  public static final String KIND_PROCESS = "process";

  private final EngineState state;
  private final ProcessParser parser;
  private final EventStateApplier events;

  public EventApplier(EngineState state, ProcessParser parser) {
    this.state = state;
    this.parser = parser;
    this.events = new EventStateApplier(state.events);
  }

  public void apply(EngineEvent event) {
    if (event instanceof ElementActivating e) {
      elementActivating(e);
    } else if (event instanceof ElementActivated e) {
      state.requireElementInstance(e.key()).phase = Phase.ACTIVATED;
    } else if (event instanceof ElementCompleting e) {
      state.requireElementInstance(e.key()).phase = Phase.COMPLETING;
    } else if (event instanceof ElementTerminating e) {
      state.requireElementInstance(e.key()).phase = Phase.TERMINATING;
    } else if (event instanceof ElementCompleted e) {
      countEndedChild(e.key(), true);
      recordCompensable(e.key());
      removeElementInstance(e.key());
    } else if (event instanceof ElementTerminated e) {
      countEndedChild(e.key(), false);
      removeElementInstance(e.key());
    } else if (event instanceof SequenceFlowTaken e) {
      sequenceFlowTaken(e);
    } else if (event instanceof JoinConsumed e) {
      joinConsumed(e);
    } else if (event instanceof VariableCreated e) {
      state
          .variablesByScope
          .computeIfAbsent(e.scopeKey(), k -> new HashMap<>(8))
          .put(e.name(), new Variable(e.key(), e.name(), e.value()));
    } else if (event instanceof VariableUpdated e) {
      state
          .variablesByScope
          .computeIfAbsent(e.scopeKey(), k -> new HashMap<>(8))
          .put(e.name(), new Variable(e.key(), e.name(), e.value()));
    } else if (event instanceof JobCreated e) {
      jobCreated(e);
    } else if (event instanceof EngineEvent.ListenerJobCreated e) {
      jobCreated(
          new Job(
              e.key(),
              e.type(),
              e.retries(),
              e.customHeaders(),
              e.elementInstanceKey(),
              e.processInstanceKey(),
              e.kind(),
              e.listenerEventType(),
              e.listenerIndex()));
    } else if (event instanceof JobActivated e) {
      jobActivated(e);
    } else if (event instanceof JobCompleted e) {
      removeJob(e.key());
    } else if (event instanceof JobCanceled e) {
      removeJob(e.key());
    } else if (event instanceof JobFailed e) {
      jobFailed(e);
    } else if (event instanceof JobRecurred e) {
      Job job = state.jobs.get(e.key());
      state.jobBackoffs.remove(new Due(job.retryAt, job.key()));
      job.retryAt = 0;
      makeActivatable(job);
    } else if (event instanceof JobTimedOut e) {
      unlock(state.jobs.get(e.key()));
    } else if (event instanceof JobYielded e) {
      unlock(state.jobs.get(e.key()));
    } else if (event instanceof JobRetriesUpdated e) {
      state.jobs.get(e.key()).retries = e.retries();
    } else if (event instanceof JobTimeoutUpdated e) {
      Job job = state.jobs.get(e.key());
      state.jobDeadlines.remove(new Due(job.deadline, job.key()));
      job.deadline = e.deadline();
      state.jobDeadlines.add(new Due(job.deadline, job.key()));
    } else if (event instanceof JobErrorThrown e) {
      Job job = state.jobs.get(e.key());
      leaveCurrentState(job);
      job.state = Job.State.ERROR_THROWN;
      job.errorMessage = e.errorMessage();
    } else if (event instanceof IncidentCreated e) {
      incidentCreated(e);
    } else if (event instanceof IncidentResolved e) {
      incidentResolved(e);
    } else if (event instanceof ResourceDeployed e) {
      resourceDeployed(e);
    } else if (event instanceof ClockChanged e) {
      state.clock.set(e.offsetMillis(), e.pinnedMillis());
    } else if (event instanceof EngineEvent.JoinTokensDiscarded e) {
      ElementInstance scope = state.elementInstances.get(e.flowScopeKey());
      if (scope != null) {
        scope.joinTokens = null;
      }
    } else if (event instanceof EngineEvent.UserTaskCreated e) {
      state.humanTasks.apply(e);
    } else if (event instanceof EngineEvent.UserTaskAssigned e) {
      state.humanTasks.apply(e);
    } else if (event instanceof EngineEvent.UserTaskUpdated e) {
      state.humanTasks.apply(e);
    } else if (event instanceof EngineEvent.UserTaskCompleted e) {
      state.humanTasks.apply(e);
    } else if (event instanceof EngineEvent.UserTaskCanceled e) {
      state.humanTasks.apply(e);
    } else if (event instanceof EngineEvent.UserTaskTransitionStarted e) {
      state.humanTasks.apply(e);
    } else if (event instanceof EngineEvent.UserTaskCorrected e) {
      state.humanTasks.apply(e);
    } else if (event instanceof EngineEvent.UserTaskTransitionDenied e) {
      state.humanTasks.apply(e);
    } else if (event instanceof EngineEvent.UserTaskTransitionEnded e) {
      state.humanTasks.apply(e);
    } else if (event instanceof EngineEvent.DeploymentContents e) {
      state.humanTasks.apply(e);
    } else if (event instanceof EngineEvent.DecisionDeployed e) {
      state.humanTasks.apply(e);
    } else if (event instanceof EngineEvent.DecisionEvaluated) {
      // history only: the read model keeps decision instances
    } else if (event instanceof EngineEvent.ResourceDeleted e) {
      resourceDeleted(e);
    } else if (event instanceof EngineEvent.ProcessInstanceMigrated e) {
      migrated(e);
    } else if (BatchOperationApplier.apply(state, event)) {
      // batch operations: created, an item executed, suspended, resumed, canceled
    } else if (event instanceof Purged e) {
      state.clear();
      state.changeId = e.changeId();
    } else if (state.identity.apply(event)) {
      // users, groups, roles, tenants, mapping rules, memberships, authorizations
    } else if (events.apply(event)) {
      // timers, messages and signals (EventStateApplier)
    } else {
      throw new IllegalArgumentException("no applier for " + event);
    }
  }

  private void elementActivating(ElementActivating e) {
    DeployedProcess process = state.processesByKey.get(e.processDefinitionKey());
    ExecutableElement element = process.executable().element(e.elementId());
    ElementInstance instance =
        new ElementInstance(
            e.key(),
            element,
            e.flowScopeKey(),
            e.processInstanceKey(),
            e.processDefinitionKey(),
            e.parentProcessInstanceKey(),
            e.parentElementInstanceKey(),
            e.tags());
    state.elementInstances.put(e.key(), instance);
    ElementInstance scope = state.elementInstances.get(e.flowScopeKey());
    if (scope != null && element.core().forCompensation() && scope.compensable != null) {
      // a compensation throw runs this handler: it is no longer pending
      for (int i = 0; i < scope.compensable.size(); i++) {
        if (scope.compensable.get(i).handlerId().equals(e.elementId())) {
          scope.compensable.remove(i);
          break;
        }
      }
      if (scope.compensable.isEmpty()) {
        scope.compensable = null;
      }
    }
    if (scope != null) {
      if (scope.children == null) {
        scope.children = new LinkedHashSet<>();
      }
      scope.children.add(e.key());
      scope.createdChildren++;
    }
    if (e.parentElementInstanceKey() != null
        && state.elementInstances.get(e.parentElementInstanceKey()) != null) {
      state.elementInstances.get(e.parentElementInstanceKey()).calledProcessInstanceKey = e.key();
    }
  }

  private void resourceDeleted(EngineEvent.ResourceDeleted e) {
    if (KIND_PROCESS.equals(e.kind())) {
      state.processesByKey.remove(e.key());
      List<DeployedProcess> versions = state.processVersions.get(e.id());
      if (versions != null) {
        versions.removeIf(p -> p.key() == e.key());
        if (versions.isEmpty()) {
          state.processVersions.remove(e.id());
        }
      }
      return;
    }
    List<DeployedResource> versions = state.resourceVersions.get(e.kind() + ":" + e.id());
    if (versions != null) {
      versions.removeIf(r -> r.key() == e.key());
      if (versions.isEmpty()) {
        state.resourceVersions.remove(e.kind() + ":" + e.id());
      }
    }
    state.humanTasks.removeDecisionsOf(e.key());
  }

  private void migrated(EngineEvent.ProcessInstanceMigrated e) {
    DeployedProcess target = state.processesByKey.get(e.targetProcessDefinitionKey());
    for (EngineEvent.MigratedElement m : e.elementInstances()) {
      ElementInstance instance = state.requireElementInstance(m.elementInstanceKey());
      ExecutableElement element = target.executable().element(m.targetElementId());
      if (element == null) {
        throw new IllegalStateException(
            "process definition " + target.key() + " has no element " + m.targetElementId());
      }
      instance.element = element;
      instance.processDefinitionKey = target.key();
    }
    events.migrated(e, target.bpmnProcessId());
  }

  /**
   * A completed activity with a compensation handler becomes compensable in its flow scope; a
   * completed sub-process hands the compensable activities inside it on to its own flow scope.
   */
  private void recordCompensable(long key) {
    ElementInstance instance = state.elementInstances.get(key);
    ElementInstance scope =
        instance == null ? null : state.elementInstances.get(instance.flowScopeKey());
    if (scope == null) {
      return;
    }
    String activityId = instance.element().lookupId();
    List<ElementInstance.Compensable> added = new ArrayList<>();
    if (instance.compensable != null) {
      for (ElementInstance.Compensable inner : instance.compensable) {
        added.add(new ElementInstance.Compensable(inner.handlerId(), activityId));
      }
    }
    String handler = instance.element().core().compensationHandler();
    if (handler != null) {
      added.add(new ElementInstance.Compensable(handler, activityId));
    }
    if (!added.isEmpty()) {
      if (scope.compensable == null) {
        scope.compensable = new ArrayList<>();
      }
      scope.compensable.addAll(added);
    }
  }

  private void countEndedChild(long key, boolean completed) {
    ElementInstance instance = state.elementInstances.get(key);
    ElementInstance scope =
        instance == null ? null : state.elementInstances.get(instance.flowScopeKey());
    if (scope != null) {
      if (completed) {
        scope.completedChildren++;
      } else {
        scope.terminatedChildren++;
      }
    }
    ElementInstance caller =
        instance == null || instance.parentElementInstanceKey() == null
            ? null
            : state.elementInstances.get(instance.parentElementInstanceKey());
    if (caller != null) {
      caller.calledProcessInstanceKey = null;
    }
  }

  private void removeElementInstance(long key) {
    ElementInstance instance = state.elementInstances.remove(key);
    if (instance == null) {
      return;
    }
    ElementInstance scope = state.elementInstances.get(instance.flowScopeKey());
    if (scope != null && scope.children != null) {
      scope.children.remove(key);
    }
    state.variablesByScope.remove(key);
  }

  private void sequenceFlowTaken(SequenceFlowTaken e) {
    ElementInstance scope = state.elementInstances.get(e.flowScopeKey());
    ExecutableProcess process = state.processesByKey.get(scope.processDefinitionKey()).executable();
    ExecutableElement target = process.flows().get(e.flowId()).target();
    if (isJoin(target)) {
      scope.addJoinToken(e.flowId());
    }
  }

  /** Whether taking a flow into this element waits for tokens on its other incoming flows. */
  public static boolean isJoin(ExecutableElement target) {
    return (target.kind() == io.civicflow.engine.model.ElementKind.PARALLEL_GATEWAY
            || target.kind() == io.civicflow.engine.model.ElementKind.INCLUSIVE_GATEWAY)
        && target.incoming().size() > 1;
  }

  private void joinConsumed(JoinConsumed e) {
    ElementInstance scope = state.elementInstances.get(e.flowScopeKey());
    ExecutableProcess process = state.processesByKey.get(scope.processDefinitionKey()).executable();
    ExecutableElement gateway = process.element(e.gatewayId());
    for (var flow : gateway.incoming()) {
      scope.joinTokens.computeIfPresent(flow.id(), (id, count) -> count > 1 ? count - 1 : null);
    }
  }

  private void jobCreated(JobCreated e) {
    jobCreated(
        new Job(
            e.key(),
            e.type(),
            e.retries(),
            e.customHeaders(),
            e.elementInstanceKey(),
            e.processInstanceKey()));
  }

  private void jobCreated(Job job) {
    state.jobs.put(job.key(), job);
    ElementInstance instance = state.elementInstances.get(job.elementInstanceKey());
    if (instance != null) {
      instance.jobKey = job.key();
    }
    makeActivatable(job);
  }

  private void jobActivated(JobActivated e) {
    Job job = state.jobs.get(e.key());
    leaveCurrentState(job);
    job.state = Job.State.ACTIVATED;
    job.worker = e.worker();
    job.deadline = e.deadline();
    state.jobDeadlines.add(new Due(e.deadline(), e.key()));
  }

  private void jobFailed(JobFailed e) {
    Job job = state.jobs.get(e.key());
    leaveCurrentState(job);
    job.retries = e.retries();
    job.errorMessage = e.errorMessage();
    if (e.retries() <= 0) {
      job.state = Job.State.FAILED;
    } else if (e.retryAt() > 0) {
      job.state = Job.State.BACKOFF;
      job.retryAt = e.retryAt();
      state.jobBackoffs.add(new Due(e.retryAt(), e.key()));
    } else {
      makeActivatable(job);
    }
  }

  private void removeJob(long key) {
    Job job = state.jobs.remove(key);
    if (job == null) {
      return;
    }
    leaveCurrentState(job);
    ElementInstance instance = state.elementInstances.get(job.elementInstanceKey());
    if (instance != null && instance.jobKey != null && instance.jobKey == key) {
      instance.jobKey = null;
    }
  }

  /** Takes a job out of whatever index its current state puts it in. */
  private void leaveCurrentState(Job job) {
    switch (job.state) {
      case ACTIVATABLE -> {
        LinkedHashSet<Long> keys = state.activatableJobsByType.get(job.type());
        if (keys != null) {
          keys.remove(job.key());
        }
      }
      case ACTIVATED -> state.jobDeadlines.remove(new Due(job.deadline, job.key()));
      case BACKOFF -> state.jobBackoffs.remove(new Due(job.retryAt, job.key()));
      default -> {}
    }
  }

  /** An activated job loses its worker and deadline and waits for the next activation. */
  private void unlock(Job job) {
    state.jobDeadlines.remove(new Due(job.deadline, job.key()));
    job.deadline = 0;
    job.worker = null;
    makeActivatable(job);
  }

  /** Makes a job activatable again (used also when an incident on it is resolved). */
  void makeActivatable(Job job) {
    job.state = Job.State.ACTIVATABLE;
    state
        .activatableJobsByType
        .computeIfAbsent(job.type(), t -> new LinkedHashSet<>())
        .add(job.key());
  }

  private void incidentCreated(IncidentCreated e) {
    state.incidents.put(
        e.key(),
        new Incident(
            e.key(),
            e.errorType(),
            e.errorMessage(),
            e.elementInstanceKey(),
            e.processInstanceKey(),
            e.jobKey()));
    ElementInstance instance = state.elementInstances.get(e.elementInstanceKey());
    if (instance != null) {
      instance.incidentKey = e.key();
    }
  }

  private void incidentResolved(IncidentResolved e) {
    Incident incident = state.incidents.remove(e.key());
    if (incident == null) {
      return;
    }
    ElementInstance instance = state.elementInstances.get(incident.elementInstanceKey());
    if (instance != null && instance.incidentKey != null && instance.incidentKey == e.key()) {
      instance.incidentKey = null;
    }
    if (incident.jobKey() != null) {
      Job job = state.jobs.get(incident.jobKey());
      if (job != null && job.retries > 0 && job.state != Job.State.ACTIVATABLE) {
        leaveCurrentState(job);
        makeActivatable(job);
      }
    }
  }

  private void resourceDeployed(ResourceDeployed e) {
    if (KIND_PROCESS.equals(e.kind())) {
      DeployedProcess process =
          new DeployedProcess(
              e.key(),
              e.id(),
              e.version(),
              e.resourceName(),
              e.checksum(),
              e.content(),
              e.deploymentKey(),
              e.tenantId(),
              parser.parse(e));
      state.processesByKey.put(e.key(), process);
      state.processVersions.computeIfAbsent(e.id(), id -> new ArrayList<>()).add(process);
    } else {
      state
          .resourceVersions
          .computeIfAbsent(e.kind() + ":" + e.id(), id -> new ArrayList<>())
          .add(
              new DeployedResource(
                  e.kind(),
                  e.key(),
                  e.id(),
                  e.version(),
                  e.resourceName(),
                  e.checksum(),
                  e.content(),
                  e.deploymentKey(),
                  e.tenantId()));
    }
  }

  /** Every process version deployed under an id (for tests and queries). */
  public static List<DeployedProcess> versions(EngineState state, String bpmnProcessId) {
    return state.processVersions.getOrDefault(bpmnProcessId, List.of());
  }

  static Map<Long, Job> jobs(EngineState state) {
    return state.jobs;
  }
}
