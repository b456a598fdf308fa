package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.ElementActivated;
import io.civicflow.engine.event.EngineEvent.ElementActivating;
import io.civicflow.engine.event.EngineEvent.ElementCompleted;
import io.civicflow.engine.event.EngineEvent.ElementCompleting;
import io.civicflow.engine.event.EngineEvent.ElementTerminated;
import io.civicflow.engine.event.EngineEvent.ElementTerminating;
import io.civicflow.engine.event.EngineEvent.JobCanceled;
import io.civicflow.engine.event.EngineEvent.JoinConsumed;
import io.civicflow.engine.event.EngineEvent.SequenceFlowTaken;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.EventType;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableSequenceFlow;
import io.civicflow.engine.model.ExecutionListener;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.ElementInstance.Phase;
import io.civicflow.engine.state.EventApplier;
import io.civicflow.engine.state.Job;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The steps every element goes through — activate, complete, terminate — and the movement of tokens
 * along sequence flows. Element kinds plug in through {@link ElementProcessor}, one per kind in the
 * table {@link ElementProcessors}.
 *
 * <p>Semantics (Zeebe's): an element activates by applying its input mappings, then its processor
 * decides when it completes; completion applies output mappings and takes every outgoing flow; a
 * path that ends (no outgoing flow) lets the flow scope complete once it has no active children and
 * no tokens waiting at a join. A failing mapping or expression opens an incident and the element
 * stays in its phase until the incident is resolved, which re-runs that step.
 */
final class BpmnLifecycle {

  /**
   * What a lifecycle step came to: done, or stopped by an incident (the element stays in its phase;
   * resolving the incident re-runs the step).
   */
  enum Step {
    DONE,
    INCIDENT_RAISED,
    /** the element waits for the job of an execution listener */
    LISTENING
  }

  /**
   * What the lifecycle runs with: the table of element processors, and the event subscriptions
   * (timers, message and signal subscriptions: opened on activation, closed on completing or
   * terminating). Both are built by a function of the lifecycle, as both call back into it.
   */
  record Wiring(ElementProcessors processors, EventSubscriptionBehavior subscriptions) {}

  private final InclusiveJoinBehavior inclusiveJoins = new InclusiveJoinBehavior(this);
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final ExecutionListenerBehavior listeners;
  private final ElementProcessors processors;
  private final EventSubscriptionBehavior subscriptions;

  /**
   * @param wiring builds the processors and subscriptions that use this lifecycle (they must not
   *     call it while being built)
   */
  BpmnLifecycle(
      FeelEngine feel,
      VariableBehavior variables,
      IncidentBehavior incidents,
      Function<BpmnLifecycle, Wiring> wiring) {
    this.variables = variables;
    this.incidents = incidents;
    this.listeners = new ExecutionListenerBehavior(feel, variables, incidents);
    Wiring wired = wiring.apply(this);
    this.processors = Objects.requireNonNull(wired.processors(), "processors");
    this.subscriptions = Objects.requireNonNull(wired.subscriptions(), "subscriptions");
  }

  private ElementProcessor<?> processor(ElementInstance instance) {
    return processor(instance.element());
  }

  /** The one processor of an element, by its kind and event type. */
  ElementProcessor<?> processor(ExecutableElement element) {
    return processors.of(element);
  }

  private static <E extends ExecutableElement> void onActivate(
      ElementProcessor<E> processor, ProcessingContext ctx, ElementInstance instance) {
    processor.onActivate(ctx, instance, processor.element(instance));
  }

  /** Creates an element instance in a flow scope and schedules its activation. */
  long createChild(ProcessingContext ctx, ExecutableElement element, ElementInstance flowScope) {
    long key = ctx.nextKey();
    ctx.write(
        new ElementActivating(
            key,
            element.lookupId(),
            flowScope.key(),
            flowScope.processInstanceKey(),
            flowScope.processDefinitionKey(),
            null,
            null,
            null));
    ctx.followUp(() -> activate(ctx, key));
    return key;
  }

  Step activate(ProcessingContext ctx, long key) {
    ElementInstance instance = ctx.state().elementInstance(key).orElse(null);
    if (instance == null || instance.phase() != Phase.ACTIVATING) {
      return Step.DONE; // terminated before its turn came
    }
    ElementInstance scope = ctx.state().elementInstance(instance.flowScopeKey()).orElse(null);
    if (scope != null && HeldTermination.waits(ctx, instance, scope)) {
      // interrupted what is still terminating (canceling listeners run): activated when it ended
      return Step.DONE;
    }
    if (scope != null
        && scope.phase() == Phase.ACTIVATING
        && !scope.element().core().startListeners().isEmpty()) {
      // entered by a message, timer or signal start event while the process's start listeners
      // still run: the process activates it when they are done (ContainerProcessor)
      return Step.DONE;
    }
    try {
      variables.applyInputs(ctx, instance);
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.IO_MAPPING_ERROR, e.getMessage());
      return Step.INCIDENT_RAISED;
    }
    if (!instance.element().core().startListeners().isEmpty()) {
      return listeners.createJob(ctx, instance, ExecutionListener.Event.START, 0)
          ? Step.LISTENING
          : Step.INCIDENT_RAISED;
    }
    return activateAfterListeners(ctx, instance);
  }

  /** The start listeners ran (or there are none): subscribe to events and do the element's work. */
  private Step activateAfterListeners(ProcessingContext ctx, ElementInstance instance) {
    long key = instance.key();
    if (!subscriptions.open(ctx, instance)) {
      // an expression failed: an incident is open, resolving it re-runs the activation
      return Step.INCIDENT_RAISED;
    }
    ctx.write(new ElementActivated(key));
    onActivate(processor(instance), ctx, instance);
    return Step.DONE;
  }

  /**
   * Completes an element and leaves it, or opens an incident if its output mappings fail (or its
   * scope refuses the completion) and leaves it completing.
   */
  Step complete(ProcessingContext ctx, ElementInstance instance) {
    if (instance.phase() != Phase.COMPLETING) {
      ctx.write(new ElementCompleting(instance.key()));
      subscriptions.close(ctx, instance);
    }
    try {
      if (instance.element().outputs().isEmpty() && isCatchEvent(instance.element())) {
        // variables a catch event received (error, message) reach the flow scope by propagation
        variables.merge(ctx, instance.flowScopeKey(), variables.local(ctx.state(), instance.key()));
      }
      variables.applyOutputs(ctx, instance);
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.IO_MAPPING_ERROR, e.getMessage());
      return Step.INCIDENT_RAISED;
    }
    ElementInstance flowScope = ctx.state().elementInstance(instance.flowScopeKey()).orElse(null);
    if (flowScope != null && !processor(flowScope).beforeChildCompleted(ctx, flowScope, instance)) {
      // the scope opened an incident on the child; resolving it completes the child again
      return Step.INCIDENT_RAISED;
    }
    if (!instance.element().core().endListeners().isEmpty()) {
      return listeners.createJob(ctx, instance, ExecutionListener.Event.END, 0)
          ? Step.LISTENING
          : Step.INCIDENT_RAISED;
    }
    return completeAfterListeners(ctx, instance);
  }

  /**
   * The element is to complete once what runs inside it has ended ({@code COMPLETING}; its
   * processor calls {@link #complete} then): its event subscriptions close now.
   */
  void startCompleting(ProcessingContext ctx, ElementInstance instance) {
    ctx.write(new ElementCompleting(instance.key()));
    subscriptions.close(ctx, instance);
  }

  /** The end listeners ran (or there are none): the element is completed and left. */
  private Step completeAfterListeners(ProcessingContext ctx, ElementInstance instance) {
    ElementProcessor<?> processor = processor(instance);
    processor.beforeCompleted(ctx, instance);
    incidents.resolveOf(ctx, instance); // a failed command's, which stopped no step
    ctx.write(new ElementCompleted(instance.key()));
    processor.afterCompleted(ctx, instance, this);
    return Step.DONE;
  }

  /**
   * The job of an execution listener completed: a start listener's variables become local to the
   * element, an end listener's propagate from the element's flow scope (like output mappings; a
   * process keeps them); then the next listener of that event type runs, or the element goes on.
   */
  void listenerCompleted(
      ProcessingContext ctx, ElementInstance instance, Job job, Map<String, Object> result) {
    ExecutionListener.Event eventType = ExecutionListener.Event.valueOf(job.listenerEventType());
    Map<String, Object> jobVariables = result == null ? Map.of() : result;
    if (eventType == ExecutionListener.Event.START || instance.isProcess()) {
      variables.setLocal(ctx, instance, jobVariables);
    } else {
      variables.merge(ctx, instance.flowScopeKey(), jobVariables);
    }
    int next = job.listenerIndex() + 1;
    if (next < ExecutionListenerBehavior.listeners(instance, eventType).size()) {
      listeners.createJob(ctx, instance, eventType, next);
    } else if (eventType == ExecutionListener.Event.START) {
      activateAfterListeners(ctx, instance);
    } else {
      completeAfterListeners(ctx, instance);
    }
  }

  private static boolean isCatchEvent(ExecutableElement element) {
    return element.kind() == ElementKind.BOUNDARY_EVENT
        || (element.kind() == ElementKind.INTERMEDIATE_CATCH_EVENT
            && element.eventType() != EventType.NONE)
        || (element.kind() == ElementKind.START_EVENT && element.eventType() != EventType.NONE);
  }

  /** Takes every outgoing flow, or ends the path when there is none. */
  void leave(ProcessingContext ctx, ElementInstance instance) {
    List<ExecutableSequenceFlow> outgoing = instance.element().outgoing();
    if (outgoing.isEmpty()) {
      endPath(ctx, instance);
      return;
    }
    for (ExecutableSequenceFlow flow : outgoing) {
      takeFlow(ctx, flow, instance);
    }
  }

  void takeFlow(ProcessingContext ctx, ExecutableSequenceFlow flow, ElementInstance from) {
    ElementInstance scope = ctx.state().requireElementInstance(from.flowScopeKey());
    ctx.write(
        new SequenceFlowTaken(
            ctx.nextKey(),
            flow.id(),
            scope.key(),
            scope.processInstanceKey(),
            scope.processDefinitionKey()));
    ExecutableElement target = flow.target();
    if (target.kind() == ElementKind.INCLUSIVE_GATEWAY && EventApplier.isJoin(target)) {
      inclusiveJoins.tokenArrived(ctx, scope, target);
      return;
    }
    if (EventApplier.isJoin(target)) {
      for (ExecutableSequenceFlow incoming : target.incoming()) {
        if (scope.joinTokens(incoming.id()) == 0) {
          return; // wait for the other incoming flows
        }
      }
      ctx.write(new JoinConsumed(scope.key(), target.id()));
    }
    createChild(ctx, target, scope);
  }

  /** A path ended inside a flow scope: let the scope decide whether it is complete. */
  void endPath(ProcessingContext ctx, ElementInstance child) {
    inclusiveJoins.pathEnded(ctx, child.flowScopeKey());
    ctx.state()
        .elementInstance(child.flowScopeKey())
        .ifPresent(scope -> processor(scope).onChildEnded(ctx, scope, this));
    if (child.element().core().forCompensation()) {
      ctx.state()
          .elementInstance(child.flowScopeKey())
          .ifPresent(scope -> CompensationThrowProcessor.handlerEnded(ctx, scope, this));
    }
  }

  /**
   * Completes a container once nothing in it is active or waiting at a join; answers whether it
   * completed.
   */
  boolean completeScopeIfDone(ProcessingContext ctx, ElementInstance scope) {
    return scope.phase() == Phase.ACTIVATED
        && scope.activeChildren() == 0
        && scope.pendingJoinTokens() == 0
        && complete(ctx, scope) != Step.INCIDENT_RAISED;
  }

  /**
   * Terminates an element and everything inside it, innermost first: jobs are canceled and open
   * incidents resolved. Answers true when the element is terminated; false when its termination is
   * held — a user task inside runs its canceling task listeners (Camunda 8.8), or a called process
   * does — and the element stays {@code TERMINATING} until {@link #resumeTermination} goes on.
   */
  boolean terminate(ProcessingContext ctx, ElementInstance instance) {
    if (instance.phase() != Phase.TERMINATING) {
      ctx.write(new ElementTerminating(instance.key()));
    }
    boolean held = false;
    for (long childKey : instance.childKeys()) {
      ElementInstance child = ctx.state().elementInstance(childKey).orElse(null);
      if (child != null && !terminate(ctx, child)) {
        held = true;
      }
    }
    if (held) {
      return false;
    }
    subscriptions.close(ctx, instance);
    if (processor(instance).holdTermination(ctx, instance)) {
      return false;
    }
    processor(instance).onTerminate(ctx, instance);
    if (instance.jobKey() != null) {
      ctx.write(new JobCanceled(instance.jobKey())); // an execution listener's job
    }
    incidents.resolveOf(ctx, instance);
    ctx.write(new ElementTerminated(instance.key()));
    return true;
  }

  /**
   * A held termination goes on (the element's canceling listeners are done, or what held it ended);
   * once the element is terminated, whatever waited for it goes on too: its terminating scope or
   * caller, the boundary event or event sub-process that interrupted it, or its scope's completion.
   */
  void resumeTermination(ProcessingContext ctx, ElementInstance instance) {
    if (terminate(ctx, instance)) {
      HeldTermination.ended(ctx, instance, this);
    }
  }

  /** Re-runs the step an incident stopped: activation, the element's own work, or completion. */
  void retry(ProcessingContext ctx, ElementInstance instance) {
    switch (instance.phase()) {
      case ACTIVATING -> activate(ctx, instance.key());
      case ACTIVATED -> processor(instance).onRetry(ctx, instance);
      case COMPLETING -> complete(ctx, instance);
      case TERMINATING -> resumeTermination(ctx, instance);
    }
  }
}
