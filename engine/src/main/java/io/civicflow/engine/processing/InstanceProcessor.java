package io.civicflow.engine.processing;

import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.SetVariables;
import io.civicflow.engine.api.Results.ProcessInstanceCreated;
import io.civicflow.engine.event.EngineEvent.ElementActivating;
import io.civicflow.engine.state.DeployedProcess;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.EngineState;
import java.util.List;
import java.util.Optional;

/**
 * Creates process instances (at the none start event, or at the elements of start instructions) and
 * cancels them, and sets variables on a scope.
 */
final class InstanceProcessor {

  private final BpmnLifecycle lifecycle;
  private final VariableBehavior variables;
  private final ModificationProcessor modifications;

  InstanceProcessor(
      BpmnLifecycle lifecycle, VariableBehavior variables, ModificationProcessor modifications) {
    this.lifecycle = lifecycle;
    this.variables = variables;
    this.modifications = modifications;
  }

  Outcome<ProcessInstanceCreated> create(ProcessingContext ctx, CreateProcessInstance command) {
    Outcome<DeployedProcess> resolved = resolve(ctx.state(), command);
    if (resolved.isRejected()) {
      return Outcome.rejected(resolved.rejection());
    }
    DeployedProcess process = resolved.value();
    List<String> startElements =
        command.startElementIds() == null ? List.of() : List.copyOf(command.startElementIds());
    if (startElements.isEmpty() && process.executable().root().noneStartEvent() == null) {
      return Outcome.rejected(
          Rejection.invalidArgument(
              "Expected to create instance of process with none start event, but there is no such event"));
    }
    Rejection refused = ModificationProcessor.checkStart(process.executable(), startElements);
    if (refused != null) {
      return Outcome.rejected(refused);
    }
    long key = ctx.nextKey();
    List<String> tags = command.tags() == null ? List.of() : List.copyOf(command.tags());
    ctx.write(
        new ElementActivating(
            key, process.bpmnProcessId(), -1, key, process.key(), null, null, tags));
    ElementInstance instance = ctx.state().requireElementInstance(key);
    variables.setLocal(ctx, instance, command.variables());
    ctx.followUp(() -> lifecycle.activate(ctx, key));
    if (!startElements.isEmpty()) {
      // at the given elements instead of the none start event
      modifications.start(ctx, instance, startElements);
    }
    return Outcome.of(
        new ProcessInstanceCreated(
            key,
            process.key(),
            process.bpmnProcessId(),
            process.version(),
            process.tenantId(),
            tags,
            null));
  }

  private static Outcome<DeployedProcess> resolve(
      EngineState state, CreateProcessInstance command) {
    if (command.processDefinitionKey() != null && command.processDefinitionKey() > 0) {
      return state
          .process(command.processDefinitionKey())
          .map(Outcome::of)
          .orElseGet(
              () ->
                  Outcome.rejected(
                      Rejection.notFound(
                          "Expected to find process definition with key '%d', but none found",
                          command.processDefinitionKey())));
    }
    String id = command.bpmnProcessId();
    if (id == null || id.isBlank()) {
      return Outcome.rejected(
          Rejection.invalidArgument(
              "Expected either a process definition id or key, but none given"));
    }
    boolean latest = command.version() == null || command.version() < 0;
    Optional<DeployedProcess> process =
        latest
            ? state.latestProcess(command.tenantId(), id)
            : state.processVersion(command.tenantId(), id, command.version());
    return process
        .map(Outcome::of)
        .orElseGet(
            () ->
                Outcome.rejected(
                    latest
                        ? Rejection.notFound(
                            "Expected to find process definition with process ID '%s', but none found",
                            id)
                        : Rejection.notFound(
                            "Expected to find process definition with process ID '%s' and version '%d', but none found",
                            id, command.version())));
  }

  Outcome<Void> cancel(ProcessingContext ctx, long processInstanceKey) {
    ElementInstance instance =
        ctx.state()
            .elementInstance(processInstanceKey)
            .filter(ElementInstance::isProcess)
            .orElse(null);
    if (instance == null) {
      return Outcome.rejected(
          Rejection.notFound(
              "Expected to cancel a process instance with key '%d', but no such process was found",
              processInstanceKey));
    }
    if (instance.parentElementInstanceKey() != null) {
      return Outcome.rejected(
          Rejection.invalidState(
              "Expected to cancel a process instance with key '%d', but it is created by a parent process instance. Cancel the root process instance '%d' instead.",
              processInstanceKey, instance.parentProcessInstanceKey()));
    }
    lifecycle.terminate(ctx, instance);
    return Outcome.done();
  }

  /** Sets the variables; answers the key of the command (Camunda's answer to it). */
  Outcome<Long> setVariables(ProcessingContext ctx, SetVariables command) {
    ElementInstance scope = ctx.state().elementInstance(command.elementInstanceKey()).orElse(null);
    if (scope == null) {
      return Outcome.rejected(
          Rejection.notFound(
              "Expected to update variables for element with key '%d', but no such element was found",
              command.elementInstanceKey()));
    }
    if (command.variables() == null) {
      return Outcome.rejected(
          Rejection.invalidArgument("Expected variables to be an object, but none given"));
    }
    if (command.local()) {
      variables.setLocal(ctx, scope, command.variables());
    } else {
      variables.merge(ctx, scope.key(), command.variables());
    }
    return Outcome.of(ctx.nextKey());
  }
}
