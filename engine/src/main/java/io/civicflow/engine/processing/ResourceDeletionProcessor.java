package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.ResourceDeleted;
import io.civicflow.engine.state.DeployedProcess;
import io.civicflow.engine.state.DeployedResource;
import io.civicflow.engine.state.EventApplier;

/**
 * Deletes a deployed resource (Camunda's "Delete resource"): a process definition — refused while
 * instances of it run, as Zeebe does; its start events close and, if it was the latest version, the
 * version before it becomes the latest and gets its start events back — a form, or a decision
 * requirements graph with its decisions. History (ended instances, decision instances) stays.
 */
final class ResourceDeletionProcessor {

  private final StartEventBehavior startEvents;

  ResourceDeletionProcessor(StartEventBehavior startEvents) {
    this.startEvents = startEvents;
  }

  Outcome<Void> delete(ProcessingContext ctx, long key) {
    DeployedProcess process = ctx.state().process(key).orElse(null);
    if (process != null) {
      if (ctx.state().hasRunningInstances(key)) {
        return Outcome.rejected(
            Rejection.invalidState(
                "Expected to delete process definition with key '%d' but there are still running"
                    + " instances of it. Cancel them, or migrate them to another version, first.",
                key));
      }
      startEvents.onDeleting(
          ctx,
          process,
          () ->
              ctx.write(
                  new ResourceDeleted(
                      key,
                      EventApplier.KIND_PROCESS,
                      process.bpmnProcessId(),
                      process.tenantId())));
      return Outcome.done();
    }
    DeployedResource resource = ctx.state().resource(key).orElse(null);
    if (resource == null) {
      return Outcome.rejected(
          Rejection.notFound(
              "Expected to delete resource but no resource found with key '%d'", key));
    }
    ctx.write(new ResourceDeleted(key, resource.kind(), resource.id(), resource.tenantId()));
    return Outcome.done();
  }
}
