package io.civicflow.engine.processing;

import io.civicflow.engine.api.Commands.ActivateAdHocActivities;
import io.civicflow.engine.api.Commands.AdHocActivity;
import io.civicflow.engine.model.ExecutableElement.AdHocSubProcess;
import io.civicflow.engine.state.ElementInstance;
import java.util.List;
import java.util.Map;

/**
 * Camunda's ad-hoc activation API: activates inner elements (without incoming flows) of an active
 * ad-hoc sub-process instance, each with its own local variables. Everything is checked before the
 * first write: an unknown instance or one that is no ad-hoc sub-process is NOT_FOUND, one not
 * active INVALID_STATE, an id that is not an activatable inner element INVALID_ARGUMENT.
 */
final class AdHocActivationProcessor {

  private final AdHocSubProcessProcessor adHocSubProcesses;

  AdHocActivationProcessor(AdHocSubProcessProcessor adHocSubProcesses) {
    this.adHocSubProcesses = adHocSubProcesses;
  }

  Outcome<Void> activate(ProcessingContext ctx, ActivateAdHocActivities command) {
    long key = command.adHocSubProcessInstanceKey();
    ElementInstance instance = ctx.state().elementInstance(key).orElse(null);
    if (instance == null || !(instance.element() instanceof AdHocSubProcess element)) {
      return Outcome.rejected(
          Rejection.notFound(
              "Expected to activate activities for ad-hoc sub-process with key '%d', but no such"
                  + " ad-hoc sub-process was found",
              key));
    }
    if (instance.phase() != ElementInstance.Phase.ACTIVATED) {
      return Outcome.rejected(
          Rejection.invalidState(
              "Expected to activate activities for ad-hoc sub-process with key '%d', but it is"
                  + " not active",
              key));
    }
    if (command.elements() == null || command.elements().isEmpty()) {
      return Outcome.rejected(
          Rejection.invalidArgument("Expected at least one element to activate, but none given"));
    }
    if (command.cancelRemainingInstances()) {
      return Outcome.rejected(
          Rejection.invalidArgument(
              "cancelRemainingInstances on activation is not supported by this engine; the"
                  + " ad-hoc sub-process's own cancelRemainingInstances applies"));
    }
    List<String> ids = command.elements().stream().map(AdHocActivity::elementId).toList();
    List<String> unknown = AdHocSubProcessProcessor.unknown(element, ids);
    if (!unknown.isEmpty()) {
      return Outcome.rejected(
          Rejection.invalidArgument(
              "Expected to activate activities for ad-hoc sub-process '%s', but the given elements"
                  + " %s do not exist or have incoming sequence flows",
              element.id(), unknown));
    }
    List<Map<String, Object>> variables =
        command.elements().stream()
            .map(e -> e.variables() == null ? Map.<String, Object>of() : e.variables())
            .toList();
    adHocSubProcesses.activate(ctx, instance, ids, variables);
    return Outcome.done();
  }
}
