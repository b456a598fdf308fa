package io.civicflow.engine;

import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.json.JsonValues;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The one check every command passes before the engine accepts it, whichever API brought it: its
 * values must be storable ({@link JsonValues}: what the journal writes and reads back unchanged)
 * and within the limits ({@link EngineConfig.Limits}). A command that is not is refused with {@code
 * INVALID_ARGUMENT} or {@code PAYLOAD_TOO_LARGE} before it is queued, so nothing is written and the
 * engine never meets it.
 */
final class CommandDoor {

  private final EngineConfig.Limits limits;

  CommandDoor(EngineConfig.Limits limits) {
    this.limits = limits;
  }

  /** Runs the command if its variables pass; else answers the refusal. */
  <T> CompletableFuture<T> variables(
      Map<String, Object> variables, Supplier<CompletableFuture<T>> command) {
    EngineRejection refused = checkVariables(variables);
    return refused == null ? command.get() : CompletableFuture.failedFuture(refused);
  }

  /** Runs a deployment if its resources together are within the request limit. */
  <T> CompletableFuture<T> resources(
      List<DeployResource> resources, Supplier<CompletableFuture<T>> command) {
    long total = 0;
    if (resources != null) {
      for (DeployResource resource : resources) {
        total += resource.content() == null ? 0 : resource.content().length;
      }
    }
    if (total > limits.maxRequestBytes()) {
      return CompletableFuture.failedFuture(
          new EngineRejection(
              RejectionType.PAYLOAD_TOO_LARGE,
              String.format(
                  "Expected the deployment's resources to be at most %d bytes together "
                      + "(civicflow.engine.limits.max-request-size), but they are %d bytes",
                  limits.maxRequestBytes(), total)));
    }
    return command.get();
  }

  /** Why a variables document is refused, or null when it may enter. */
  EngineRejection checkVariables(Map<String, Object> variables) {
    if (variables == null || variables.isEmpty()) {
      return null;
    }
    String problem = JsonValues.documentProblem(variables);
    if (problem != null) {
      return EngineRejection.invalidArgument(
          "Expected the variables to be storable JSON values, but %s", problem);
    }
    long size = JsonValues.storedSize(variables, limits.maxRequestBytes());
    if (size > limits.maxRequestBytes()) {
      return new EngineRejection(
          RejectionType.PAYLOAD_TOO_LARGE,
          String.format(
              "Expected the variables to be at most %d bytes as stored "
                  + "(civicflow.engine.limits.max-request-size), but they are more",
              limits.maxRequestBytes()));
    }
    return null;
  }
}
