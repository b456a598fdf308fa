package io.civicflow.engine.processing;

import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Commands.MappingInstruction;
import io.civicflow.engine.api.Commands.MigrateProcessInstance;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.MessageSubscriptionDeleted;
import io.civicflow.engine.event.EngineEvent.MigratedElement;
import io.civicflow.engine.event.EngineEvent.MigratedSubscription;
import io.civicflow.engine.event.EngineEvent.ProcessInstanceMigrated;
import io.civicflow.engine.event.EngineEvent.SignalSubscriptionDeleted;
import io.civicflow.engine.event.EngineEvent.TimerCanceled;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.model.ExecutableSequenceFlow;
import io.civicflow.engine.state.DeployedProcess;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.EngineState;
import io.civicflow.engine.state.EventApplier;
import io.civicflow.engine.state.EventState;
import io.civicflow.engine.state.UserTask;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Migrates a process instance to another process definition (Camunda's process instance migration):
 * every active element instance continues as the element a mapping instruction names, keeping its
 * key, variables, job, user task and incident; timers and subscriptions of mapped catch events are
 * kept, those of unmapped ones closed, and the target's new ones opened. Refused, with nothing
 * changed, when the target cannot take the instance: an active element without a mapping, mapped to
 * an element of another type or event type, or into another flow scope; a multi-instance body whose
 * loop changes between sequential and parallel; a user task whose implementation changes; an
 * element that does not wait (activating, completing, terminating); a joining gateway with tokens
 * in flight unless mapped to a gateway of its type with the same incoming flows; a catch event
 * mapped to one that is not a catch event of the mapped element.
 */
final class MigrationProcessor {

  private final EventSubscriptionBehavior subscriptions;

  MigrationProcessor(EventSubscriptionBehavior subscriptions) {
    this.subscriptions = subscriptions;
  }

  Outcome<Void> migrate(ProcessingContext ctx, MigrateProcessInstance command) {
    return migrate(ctx, command, true);
  }

  /**
   * A CivicFlow extension: the migration's checks — the same ones, in the same order — without its
   * writes; answers what {@link #migrate} would answer, and nothing changes.
   */
  Outcome<Void> dryRun(ProcessingContext ctx, MigrateProcessInstance command) {
    return migrate(ctx, command, false);
  }

  private Outcome<Void> migrate(
      ProcessingContext ctx, MigrateProcessInstance command, boolean write) {
    EngineState state = ctx.state();
    long key = command.processInstanceKey();
    ElementInstance process =
        state.elementInstance(key).filter(ElementInstance::isProcess).orElse(null);
    if (process == null) {
      return Outcome.rejected(
          Rejection.notFound(
              "Expected to migrate process instance but no process instance found with key '%d'",
              key));
    }
    DeployedProcess source = state.process(process.processDefinitionKey()).orElseThrow();
    DeployedProcess target = state.process(command.targetProcessDefinitionKey()).orElse(null);
    String tenant = Commands.tenantOrDefault(source.tenantId());
    if (target == null || !tenant.equals(Commands.tenantOrDefault(target.tenantId()))) {
      return Outcome.rejected(
          Rejection.notFound(
              "Expected to migrate process instance to process definition but no process"
                  + " definition found with key '%d'",
              command.targetProcessDefinitionKey()));
    }
    Map<String, String> mapping = new LinkedHashMap<>();
    Rejection refused =
        readMapping(key, command, source.executable(), target.executable(), mapping);
    if (refused != null) {
      return Outcome.rejected(refused);
    }
    ExecutableProcess from = source.executable();
    ExecutableProcess to = target.executable();

    // every element instance of the instance, scopes before their children
    List<ElementInstance> instances = new ArrayList<>();
    Deque<ElementInstance> pending = new ArrayDeque<>(List.of(process));
    while (!pending.isEmpty()) {
      ElementInstance instance = pending.removeFirst();
      instances.add(instance);
      for (long child : instance.childKeys()) {
        pending.addLast(state.requireElementInstance(child));
      }
    }

    Map<Long, ExecutableElement> targetOf = new HashMap<>();
    List<MigratedElement> migrated = new ArrayList<>();
    for (ElementInstance instance : instances) {
      ExecutableElement element;
      if (instance == process) {
        element = to.root();
      } else {
        Outcome<ExecutableElement> mapped = targetOf(key, instance, mapping, to, targetOf);
        if (mapped.isRejected()) {
          return Outcome.rejected(mapped.rejection());
        }
        element = mapped.value();
      }
      if (instance.phase() != ElementInstance.Phase.ACTIVATED) {
        return Outcome.rejected(
            Rejection.invalidState(
                "Expected to migrate process instance '%d' but element '%s' is %s. Only elements"
                    + " that wait (activated) can be migrated",
                key, instance.element().id(), instance.phase().name().toLowerCase()));
      }
      targetOf.put(instance.key(), element);
      migrated.add(
          new MigratedElement(
              instance.key(),
              element.lookupId(),
              instance.jobKey(),
              state.humanTasks().userTaskOf(instance.key()).map(UserTask::key).orElse(null),
              instance.incidentKey()));
    }

    for (ElementInstance scope : instances) {
      if (scope.pendingJoinTokens() > 0) {
        refused = checkJoins(key, scope, from, mapping, to, targetOf.get(scope.key()));
        if (refused != null) {
          return Outcome.rejected(refused);
        }
      }
    }

    // timers and subscriptions: kept (mapped), closed (unmapped), opened (new in the target)
    EventState events = state.events();
    List<MigratedSubscription> kept = new ArrayList<>();
    List<Long> closed = new ArrayList<>();
    List<EngineEvent> opened = new ArrayList<>();
    for (ElementInstance instance : instances) {
      ExecutableElement owner = targetOf.get(instance.key());
      List<ExecutableElement> targetCatches = EventSubscriptionBehavior.catchEventsOf(owner);
      Set<String> keptIds = new HashSet<>();
      for (long subscription : events.ownedBy(instance.key())) {
        String catchId = events.catchElementIdOf(subscription);
        // the element's own subscription (a catch event, a receive task) follows the element
        boolean own = catchId.equals(instance.element().id());
        String targetId = own ? owner.id() : mapping.get(catchId);
        if (targetId == null) {
          closed.add(subscription);
          continue;
        }
        ExecutableElement sourceCatch = own ? instance.element() : from.element(catchId);
        ExecutableElement targetCatch = own ? owner : to.element(targetId);
        if (!targetCatches.contains(targetCatch)
            || sourceCatch.kind() != targetCatch.kind()
            || sourceCatch.eventType() != targetCatch.eventType()) {
          return Outcome.rejected(
              Rejection.invalidState(
                  "Expected to migrate process instance '%d' but the catch event '%s' of active"
                      + " element '%s' is mapped to '%s', which is not a catch event of the same"
                      + " type of the target element '%s'",
                  key, catchId, instance.element().id(), targetId, owner.id()));
        }
        kept.add(new MigratedSubscription(subscription, targetId));
        keptIds.add(targetId);
      }
      try {
        opened.addAll(
            subscriptions.missingAfterMigration(
                ctx, instance, owner, target.key(), target.bpmnProcessId(), keptIds));
      } catch (FeelEvaluationException | IllegalArgumentException e) {
        return Outcome.rejected(
            Rejection.invalidState(
                "Expected to migrate process instance '%d' but the catch events of the target"
                    + " element '%s' cannot be subscribed to: %s",
                key, owner.id(), e.getMessage()));
      }
    }

    if (!write) {
      return Outcome.done(); // every check passed
    }
    for (long subscription : closed) {
      if (events.isTimer(subscription)) {
        ctx.write(new TimerCanceled(subscription));
      } else if (events.isMessageSubscription(subscription)) {
        ctx.write(new MessageSubscriptionDeleted(subscription));
      } else {
        ctx.write(new SignalSubscriptionDeleted(subscription));
      }
    }
    ctx.write(new ProcessInstanceMigrated(key, source.key(), target.key(), migrated, kept));
    subscriptions.openAfterMigration(ctx, opened);
    return Outcome.done();
  }

  /** Reads the mapping instructions into {@code mapping}; answers why they are refused, or null. */
  private static Rejection readMapping(
      long key,
      MigrateProcessInstance command,
      ExecutableProcess from,
      ExecutableProcess to,
      Map<String, String> mapping) {
    List<MappingInstruction> instructions =
        command.mappingInstructions() == null ? List.of() : command.mappingInstructions();
    for (MappingInstruction instruction : instructions) {
      String sourceId = instruction.sourceElementId();
      String targetId = instruction.targetElementId();
      if (sourceId == null || sourceId.isBlank() || targetId == null || targetId.isBlank()) {
        return Rejection.invalidArgument(
            "Expected to migrate process instance '%d' but a mapping instruction lacks its source"
                + " or target element id",
            key);
      }
      if (from.element(sourceId) == null) {
        return Rejection.invalidArgument(
            "Expected to migrate process instance '%d' but mapping instructions contain a"
                + " non-existing source element id '%s'. Elements provided in mapping instructions"
                + " must exist in the source process definition.",
            key, sourceId);
      }
      if (to.element(targetId) == null) {
        return Rejection.invalidArgument(
            "Expected to migrate process instance '%d' but mapping instructions contain a"
                + " non-existing target element id '%s'. Elements provided in mapping instructions"
                + " must exist in the target process definition.",
            key, targetId);
      }
      if (mapping.putIfAbsent(sourceId, targetId) != null) {
        return Rejection.invalidArgument(
            "Expected to migrate process instance '%d' but mapping instructions contain duplicate"
                + " source element ids '%s'.",
            key, sourceId);
      }
    }
    return null;
  }

  /** The target element an active element instance continues as, or why it cannot. */
  private static Outcome<ExecutableElement> targetOf(
      long key,
      ElementInstance instance,
      Map<String, String> mapping,
      ExecutableProcess to,
      Map<Long, ExecutableElement> targetOf) {
    ExecutableElement source = instance.element();
    ExecutableElement scope = targetOf.get(instance.flowScopeKey());
    ExecutableElement element;
    if (source.isMultiInstanceInner()) {
      element = ((ExecutableElement.MultiInstanceBody) scope).inner();
    } else {
      String targetId = mapping.get(source.id());
      if (targetId == null) {
        return Outcome.rejected(
            Rejection.invalidState(
                "Expected to migrate process instance '%d' but no mapping instruction defined for"
                    + " active element with id '%s'. Elements cannot be migrated without a"
                    + " mapping.",
                key, source.id()));
      }
      element = to.element(targetId);
    }
    if (source.kind() != element.kind()) {
      return Outcome.rejected(
          Rejection.invalidState(
              "Expected to migrate process instance '%d' but active element with id '%s' and type"
                  + " '%s' is mapped to an element with id '%s' and different type '%s'. Elements"
                  + " must be mapped to elements of the same type.",
              key, source.id(), source.kind(), element.id(), element.kind()));
    }
    if (source.eventType() != element.eventType()) {
      return Outcome.rejected(
          Rejection.invalidState(
              "Expected to migrate process instance '%d' but active element with id '%s' and event"
                  + " type '%s' is mapped to an element with id '%s' and different event type"
                  + " '%s'. Elements must be mapped to elements of the same event type.",
              key, source.id(), source.eventType(), element.id(), element.eventType()));
    }
    if (element.flowScope() != scope) {
      return Outcome.rejected(
          Rejection.invalidState(
              "Expected to migrate process instance '%d' but the flow scope of active element"
                  + " with id '%s' is changed. The flow scope of the active element is expected"
                  + " to be '%s' but was '%s'. The flow scope of an element cannot be changed"
                  + " during migration.",
              key,
              source.id(),
              scope.id(),
              element.flowScope() == null ? "none" : element.flowScope().id()));
    }
    if (source instanceof ExecutableElement.MultiInstanceBody body
        && body.loop().sequential()
            != ((ExecutableElement.MultiInstanceBody) element).loop().sequential()) {
      return Outcome.rejected(
          Rejection.invalidState(
              "Expected to migrate process instance '%d' but active multi-instance element '%s'"
                  + " is mapped to '%s', whose loop is %s instead of %s. The loop characteristics"
                  + " of a multi-instance element cannot be changed.",
              key,
              source.id(),
              element.id(),
              body.loop().sequential() ? "parallel" : "sequential",
              body.loop().sequential() ? "sequential" : "parallel"));
    }
    if (source instanceof ExecutableElement.UserTask task
        && task.definition().camundaUserTask()
            != ((ExecutableElement.UserTask) element).definition().camundaUserTask()) {
      return Outcome.rejected(
          Rejection.invalidState(
              "Expected to migrate process instance '%d' but active user task '%s' is mapped to"
                  + " '%s', which has another implementation (Camunda user task or job worker)."
                  + " The implementation of a user task cannot be changed by a migration.",
              key, source.id(), element.id()));
    }
    return Outcome.of(element);
  }

  /** Tokens waiting at joins in a scope may move only to the same join of the target. */
  private static Rejection checkJoins(
      long key,
      ElementInstance scope,
      ExecutableProcess from,
      Map<String, String> mapping,
      ExecutableProcess to,
      ExecutableElement targetScope) {
    for (ExecutableSequenceFlow flow : from.flows().values()) {
      ExecutableElement gateway = flow.target();
      if (gateway.flowScope() != scope.element()
          || !EventApplier.isJoin(gateway)
          || scope.joinTokens(flow.id()) == 0) {
        continue;
      }
      ExecutableSequenceFlow targetFlow = to.flows().get(flow.id());
      String mapped = mapping.get(gateway.id());
      if (mapped == null
          || targetFlow == null
          || !Objects.equals(targetFlow.target().id(), mapped)
          || targetFlow.target().kind() != gateway.kind()
          || !EventApplier.isJoin(targetFlow.target())
          || targetFlow.target().flowScope() != targetScope) {
        return Rejection.invalidState(
            "Expected to migrate process instance '%d' but the joining gateway '%s' has a join in"
                + " flight (its incoming sequence flow '%s' was taken). It can be migrated only"
                + " when it is mapped to a joining gateway of the same type in the same flow scope"
                + " with an incoming sequence flow '%s'.",
            key, gateway.id(), flow.id(), flow.id());
      }
    }
    return null;
  }
}
