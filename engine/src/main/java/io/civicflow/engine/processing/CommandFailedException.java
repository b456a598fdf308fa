package io.civicflow.engine.processing;

/**
 * A command failed in a way no rejection foresees (a bug, or events the journal cannot hold). Its
 * events were discarded and the state restored: nothing of it was applied. Gateways answer it as an
 * internal error (HTTP 500, gRPC {@code INTERNAL}).
 */
public final class CommandFailedException extends RuntimeException {

  CommandFailedException(Throwable cause) {
    super(
        "The command failed and changed nothing ("
            + cause.getClass().getSimpleName()
            + "; the engine log has the details)",
        cause);
  }
}
