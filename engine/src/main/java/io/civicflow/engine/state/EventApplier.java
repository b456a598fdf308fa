package io.civicflow.engine.state;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.ClockChanged;
import io.civicflow.engine.event.EngineEvent.ElementActivated;
import io.civicflow.engine.event.EngineEvent.ElementActivating;
import io.civicflow.engine.event.EngineEvent.ElementCompleted;
import io.civicflow.engine.event.EngineEvent.ElementCompleting;
import io.civicflow.engine.event.EngineEvent.ElementTerminated;
import io.civicflow.engine.event.EngineEvent.ElementTerminating;
import io.civicflow.engine.event.EngineEvent.JoinConsumed;
import io.civicflow.engine.event.EngineEvent.Purged;
import io.civicflow.engine.event.EngineEvent.ResourceDeployed;
import io.civicflow.engine.event.EngineEvent.SequenceFlowTaken;
import io.civicflow.engine.event.EngineEvent.VariableCreated;
import io.civicflow.engine.event.EngineEvent.VariableUpdated;
import io.civicflow.engine.event.IdentityEvent;
import io.civicflow.engine.event.UserTaskEvent;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.state.ElementInstance.Phase;
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
  private final JobStateApplier jobs;

  public EventApplier(EngineState state, ProcessParser parser) {
    this.state = state;
    this.parser = parser;
    this.events = new EventStateApplier(state.events);
    this.jobs = new JobStateApplier(state);
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
    } else if (jobs.apply(event)) {
      // jobs and incidents (JobStateApplier)
    } else if (event instanceof ResourceDeployed e) {
      resourceDeployed(e);
    } else if (event instanceof ClockChanged e) {
      state.clock.set(e.offsetMillis(), e.pinnedMillis());
    } else if (event instanceof EngineEvent.JoinTokensDiscarded e) {
      ElementInstance scope = state.elementInstances.get(e.flowScopeKey());
      if (scope != null) {
        scope.joinTokens = null;
      }
    } else if (event instanceof UserTaskEvent e) {
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
    } else if (event instanceof IdentityEvent e) {
      state.identity.apply(e);
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
