package io.civicflow.engine.api;

/**
 * A command or query the engine refused: an expected outcome (bad input, wrong state, unknown key),
 * not a bug. Carried as the failure of the command's future.
 */
public final class EngineRejection extends RuntimeException {

  private final RejectionType type;

  public EngineRejection(RejectionType type, String message) {
    super(message, null, false, false);
    this.type = type;
  }

  public RejectionType type() {
    return type;
  }

  public static EngineRejection notFound(String format, Object... args) {
    return new EngineRejection(RejectionType.NOT_FOUND, String.format(format, args));
  }

  public static EngineRejection invalidArgument(String format, Object... args) {
    return new EngineRejection(RejectionType.INVALID_ARGUMENT, String.format(format, args));
  }

  public static EngineRejection invalidState(String format, Object... args) {
    return new EngineRejection(RejectionType.INVALID_STATE, String.format(format, args));
  }
}
