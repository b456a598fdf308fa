package io.civicflow.engine.processing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when the processing thread or the journal writer dies of something the engine cannot
 * handle (an {@link OutOfMemoryError}, a {@link LinkageError}, a bug that escaped): the engine
 * stops taking commands at once (every command is refused, health is DOWN), says so, and — unless
 * embedded where the JVM must stay up (core tests) — the process exits with status {@value
 * #EXIT_STATUS} so a supervisor starts it again. It halts rather than exits: after an {@code
 * OutOfMemoryError} the shutdown hooks may never finish, and the journal needs none of them (an
 * answered command is durable; this is the same as a kill).
 */
final class FatalErrorHandler implements Thread.UncaughtExceptionHandler {

  /** {@code EX_SOFTWARE} of sysexits.h. */
  static final int EXIT_STATUS = 70;

  private static final Logger LOG = LoggerFactory.getLogger(FatalErrorHandler.class);

  private final boolean exitProcess;
  private final Runnable stopEngine;

  FatalErrorHandler(boolean exitProcess, Runnable stopEngine) {
    this.exitProcess = exitProcess;
    this.stopEngine = stopEngine;
  }

  @Override
  public void uncaughtException(Thread thread, Throwable error) {
    try {
      stopEngine.run();
      LOG.error(
          "FATAL: the engine thread '{}' died of {}; the engine cannot go on. {}",
          thread.getName(),
          error.toString(),
          exitProcess
              ? "Exiting the process with status " + EXIT_STATUS + " so a supervisor restarts it"
              : "It refuses every command from now on and reports itself DOWN",
          error);
    } finally {
      if (exitProcess) {
        Runtime.getRuntime().halt(EXIT_STATUS);
      }
    }
  }
}
