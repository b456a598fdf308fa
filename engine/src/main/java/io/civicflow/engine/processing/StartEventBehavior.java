package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.ElementActivating;
import io.civicflow.engine.event.EngineEvent.MessageSubscriptionCreated;
import io.civicflow.engine.event.EngineEvent.MessageSubscriptionDeleted;
import io.civicflow.engine.event.EngineEvent.ResourceDeployed;
import io.civicflow.engine.event.EngineEvent.SignalSubscriptionCreated;
import io.civicflow.engine.event.EngineEvent.SignalSubscriptionDeleted;
import io.civicflow.engine.event.EngineEvent.TimerCanceled;
import io.civicflow.engine.event.EngineEvent.TimerCreated;
import io.civicflow.engine.feel.Expression;
import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.EventTrigger;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.state.DeployedProcess;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.EventApplier;
import io.civicflow.engine.state.EventState;
import io.civicflow.engine.timer.TimerSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Timer, message and signal start events of processes (Zeebe's rules): deploying a new version of a
 * process cancels the start timers and closes the start subscriptions of the previous version, then
 * schedules a timer for each timer start event of the new version and opens a subscription for each
 * message and signal start event. When one of them occurs, a new instance of that version starts at
 * that start event, with the event's variables (propagated to the process, or through the start
 * event's output mappings).
 */
final class StartEventBehavior {

  /** The new instance and its start event instance. */
  record Started(long processInstanceKey, long startEventInstanceKey) {}

  private final BpmnLifecycle lifecycle;
  private final VariableBehavior variables;

  StartEventBehavior(BpmnLifecycle lifecycle, VariableBehavior variables) {
    this.lifecycle = lifecycle;
    this.variables = variables;
  }

  /**
   * After a deployment command: replaces the start events of every process it deployed a new
   * version of.
   */
  void onDeployed(ProcessingContext ctx) {
    List<ResourceDeployed> deployed = new ArrayList<>();
    for (EngineEvent event : ctx.events()) {
      if (event instanceof ResourceDeployed r && EventApplier.KIND_PROCESS.equals(r.kind())) {
        deployed.add(r);
      }
    }
    for (ResourceDeployed resource : deployed) {
      String tenant = io.civicflow.engine.api.Commands.tenantOrDefault(resource.tenantId());
      for (DeployedProcess version : EventApplier.versions(ctx.state(), resource.id())) {
        // versions count per tenant: another tenant's latest version keeps its start events
        if (version.key() != resource.key()
            && tenant.equals(
                io.civicflow.engine.api.Commands.tenantOrDefault(version.tenantId()))) {
          closeStartEvents(ctx, version.key());
        }
      }
      openStartEvents(ctx, ctx.state().process(resource.key()).orElseThrow());
    }
  }

  /**
   * A process version is being deleted: its start events close; if it was the latest of its tenant,
   * the version before it (the latest after the deletion) gets them back.
   */
  void onDeleting(ProcessingContext ctx, DeployedProcess deleted, Runnable delete) {
    String tenant = io.civicflow.engine.api.Commands.tenantOrDefault(deleted.tenantId());
    boolean latest =
        ctx.state()
            .latestProcess(tenant, deleted.bpmnProcessId())
            .map(p -> p.key() == deleted.key())
            .orElse(false);
    closeStartEvents(ctx, deleted.key());
    delete.run();
    if (latest) {
      ctx.state()
          .latestProcess(tenant, deleted.bpmnProcessId())
          .ifPresent(previous -> openStartEvents(ctx, previous));
    }
  }

  private static void closeStartEvents(ProcessingContext ctx, long processDefinitionKey) {
    EventState events = ctx.state().events();
    for (long key : events.ownedBy(processDefinitionKey)) {
      if (events.isTimer(key)) {
        ctx.write(new TimerCanceled(key));
      } else if (events.isMessageSubscription(key)) {
        ctx.write(new MessageSubscriptionDeleted(key));
      } else if (events.isSignalSubscription(key)) {
        ctx.write(new SignalSubscriptionDeleted(key));
      }
    }
  }

  private static void openStartEvents(ProcessingContext ctx, DeployedProcess process) {
    for (ExecutableElement start : process.executable().root().children()) {
      EventTrigger trigger = EventSubscriptionBehavior.triggerOf(start);
      if (start.kind() != ElementKind.START_EVENT || trigger == null) {
        continue;
      }
      if (trigger instanceof EventTrigger.Timer timer) {
        TimerSchedule schedule = TimerSchedule.parse(timer.kind(), text(timer.value()));
        OptionalLong due = schedule.firstDueDate(ctx.time());
        if (due.isPresent()) {
          boolean cycle = timer.kind() == TimerSchedule.Kind.CYCLE;
          ctx.write(
              new TimerCreated(
                  ctx.nextKey(),
                  -1,
                  -1,
                  process.key(),
                  start.id(),
                  due.getAsLong(),
                  schedule.repetitions(),
                  cycle ? schedule.text() : null));
        }
      } else if (trigger instanceof EventTrigger.Message message) {
        ctx.write(
            new MessageSubscriptionCreated(
                ctx.nextKey(),
                -1,
                -1,
                process.key(),
                process.bpmnProcessId(),
                start.id(),
                text(message.name()),
                null,
                false));
      } else if (trigger instanceof EventTrigger.Signal signal) {
        ctx.write(
            new SignalSubscriptionCreated(
                ctx.nextKey(),
                -1,
                -1,
                process.key(),
                process.bpmnProcessId(),
                start.id(),
                text(signal.name()),
                false));
      }
    }
  }

  /** Start-event values are fixed at deployment (the transformer evaluated any FEEL). */
  private static String text(Expression expression) {
    return expression instanceof Expression.Static s ? s.value() : expression.source();
  }

  /**
   * Creates an instance of a process version that begins at the given start event, whose local
   * variables are the event's. The process activates as usual; it does not enter its none start
   * event because a child exists already (see {@link ContainerProcessor}).
   */
  Started start(
      ProcessingContext ctx,
      long processDefinitionKey,
      String startElementId,
      Map<String, Object> eventVariables) {
    DeployedProcess process = ctx.state().process(processDefinitionKey).orElseThrow();
    long key = ctx.nextKey();
    ctx.write(
        new ElementActivating(
            key, process.bpmnProcessId(), -1, key, process.key(), null, null, List.of()));
    ElementInstance processInstance = ctx.state().requireElementInstance(key);
    ctx.followUp(() -> lifecycle.activate(ctx, key));
    long startKey =
        lifecycle.createChild(ctx, process.executable().element(startElementId), processInstance);
    variables.setLocal(ctx, ctx.state().requireElementInstance(startKey), eventVariables);
    return new Started(key, startKey);
  }
}
