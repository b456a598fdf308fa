package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.ElementActivating;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.model.CalledElement;
import io.civicflow.engine.model.ExecutableElement.CallActivity;
import io.civicflow.engine.model.Mapping;
import io.civicflow.engine.state.DeployedProcess;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.ElementInstance.Phase;
import io.civicflow.engine.state.EventApplier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Call activities (Zeebe's semantics). Activation evaluates the called process id (static or FEEL),
 * picks the version by binding type — {@code latest}, {@code deployment} (the version deployed with
 * the calling process) or {@code versionTag} — and starts an instance of it at its none start
 * event, with {@code parentProcessInstanceKey}/{@code parentElementInstanceKey} set. A missing
 * process (or one without a none start event) opens a CALLED_ELEMENT_ERROR incident; resolving it
 * looks again, so deploying the process first fixes it. A failing process id expression opens
 * EXTRACT_VALUE_ERROR.
 *
 * <p>Variables: with {@code propagateAllParentVariables} (default) every variable visible from the
 * call activity (its input mappings included) is copied into the child; without, only the input
 * mappings' variables. When the child completes, its variables are merged from the call activity
 * upwards if {@code propagateAllChildVariables} (default) and there are no output mappings; with
 * output mappings they become local to the call activity and only the mappings' targets leave it.
 * Then the call activity completes. Terminating the call activity terminates the child; a child is
 * never cancelled on its own (see {@link InstanceProcessor#cancel}). Errors and escalations thrown
 * in the child and not caught there continue at the call activity (see {@link CatchEventBehavior}).
 */
final class CallActivityProcessor
    implements ElementProcessor<CallActivity>, ContainerProcessor.ProcessInstanceListener {

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final BpmnLifecycle lifecycle;

  CallActivityProcessor(
      FeelEngine feel,
      VariableBehavior variables,
      IncidentBehavior incidents,
      BpmnLifecycle lifecycle) {
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
    this.lifecycle = lifecycle;
  }

  @Override
  public Class<CallActivity> elementType() {
    return CallActivity.class;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ElementInstance instance, CallActivity element) {
    CalledElement called = element.called();
    Map<String, Object> visible = variables.visible(ctx.state(), instance.key());
    String processId;
    try {
      processId = feel.evaluateString(called.processId(), visible);
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return;
    }
    Optional<DeployedProcess> process = resolve(ctx, instance, called, processId);
    if (process.isEmpty()) {
      incidents.raise(
          ctx, instance, IncidentBehavior.CALLED_ELEMENT_ERROR, notFound(called, processId));
      return;
    }
    if (process.get().executable().root().noneStartEvent() == null) {
      incidents.raise(
          ctx,
          instance,
          IncidentBehavior.CALLED_ELEMENT_ERROR,
          "Expected process with BPMN process id '"
              + processId
              + "' to have a none start event, but not found.");
      return;
    }
    DeployedProcess child = process.get();
    long key = ctx.nextKey();
    ctx.write(
        new ElementActivating(
            key,
            child.bpmnProcessId(),
            -1,
            key,
            child.key(),
            instance.processInstanceKey(),
            instance.key(),
            List.of()));
    ElementInstance childInstance = ctx.state().requireElementInstance(key);
    variables.setLocal(
        ctx,
        childInstance,
        called.propagateAllParentVariables() ? visible : inputVariables(ctx, instance));
    ctx.followUp(() -> lifecycle.activate(ctx, key));
  }

  private static Optional<DeployedProcess> resolve(
      ProcessingContext ctx, ElementInstance caller, CalledElement called, String processId) {
    // the called process of the caller's tenant
    String tenant = ctx.state().tenantOf(caller.processDefinitionKey());
    List<DeployedProcess> versions =
        EventApplier.versions(ctx.state(), processId).stream()
            .filter(
                p -> tenant.equals(io.civicflow.engine.api.Commands.tenantOrDefault(p.tenantId())))
            .toList();
    if (CalledElement.DEPLOYMENT.equals(called.bindingType())) {
      long deployment =
          ctx.state().process(caller.processDefinitionKey()).orElseThrow().deploymentKey();
      // an unchanged process deployed again with the caller keeps its version and is still part of
      // that deployment (its contents), as a linked form is
      Optional<Long> deployedWith =
          ctx.state().humanTasks().deployedWith(deployment, EventApplier.KIND_PROCESS, processId);
      return versions.stream()
          .filter(
              p ->
                  deployedWith.isPresent()
                      ? p.key() == deployedWith.get()
                      : p.deploymentKey() == deployment)
          .findFirst();
    }
    if (CalledElement.VERSION_TAG.equals(called.bindingType())) {
      return versions.stream()
          .filter(p -> called.versionTag().equals(p.executable().versionTag()))
          .reduce((first, second) -> second);
    }
    return ctx.state().latestProcess(tenant, processId);
  }

  private static String notFound(CalledElement called, String processId) {
    if (CalledElement.DEPLOYMENT.equals(called.bindingType())) {
      return "Expected process with BPMN process id '"
          + processId
          + "' to be deployed together with the calling process (binding type 'deployment'), but not found.";
    }
    if (CalledElement.VERSION_TAG.equals(called.bindingType())) {
      return "Expected process with BPMN process id '"
          + processId
          + "' and version tag '"
          + called.versionTag()
          + "' to be deployed, but not found.";
    }
    return "Expected process with BPMN process id '"
        + processId
        + "' to be deployed, but not found.";
  }

  /** The variables the call activity's input mappings created. */
  private Map<String, Object> inputVariables(ProcessingContext ctx, ElementInstance instance) {
    Map<String, Object> locals = variables.local(ctx.state(), instance.key());
    Map<String, Object> result = new LinkedHashMap<>();
    for (Mapping input : instance.element().inputs()) {
      String name = input.target().split("\\.")[0];
      if (locals.containsKey(name)) {
        result.put(name, locals.get(name));
      }
    }
    return result;
  }

  /** The called process is terminated first; the call activity waits while that is held. */
  @Override
  public boolean holdTermination(ProcessingContext ctx, ElementInstance instance) {
    Long child = instance.calledProcessInstanceKey();
    ElementInstance called = child == null ? null : ctx.state().elementInstance(child).orElse(null);
    return called != null && !lifecycle.terminate(ctx, called);
  }

  @Override
  public void onCompleted(
      ProcessingContext ctx, ElementInstance processInstance, Map<String, Object> childVariables) {
    Long callerKey = processInstance.parentElementInstanceKey();
    ElementInstance caller =
        callerKey == null ? null : ctx.state().elementInstance(callerKey).orElse(null);
    if (caller == null || caller.phase() != Phase.ACTIVATED) {
      return;
    }
    if (!caller.element().outputs().isEmpty()) {
      variables.setLocal(ctx, caller, childVariables);
    } else if (element(caller).called().propagateAllChildVariables()) {
      variables.merge(ctx, caller.key(), childVariables);
    }
    lifecycle.complete(ctx, caller);
  }

  /** A child ends by termination only with its caller, which is being terminated already. */
  @Override
  public void onTerminated(ProcessingContext ctx, ElementInstance processInstance) {}
}
