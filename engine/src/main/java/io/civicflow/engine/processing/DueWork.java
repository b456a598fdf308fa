package io.civicflow.engine.processing;

import io.civicflow.engine.clock.EngineClock;
import io.civicflow.engine.state.EngineState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Due work — job deadlines and retry back-offs, timers, message TTLs — processed on the processing
 * thread after every command and when the next due date comes (engine clock). If it fails (a bug;
 * nothing of it is kept), it is tried again after a back-off (1 s, doubling up to a minute) instead
 * of at once, so a failing timer cannot spin the engine, which keeps serving commands meanwhile.
 */
final class DueWork {

  private static final Logger LOG = LoggerFactory.getLogger(DueWork.class);

  private final EngineClock clock;
  private final EngineState state;
  private final Processors processors;
  private final CommandRunner runner;

  /** Not tried again before this (System.nanoTime) while {@code backOffMillis > 0}. */
  private long retryAt;

  private long backOffMillis;

  DueWork(EngineClock clock, EngineState state, Processors processors, CommandRunner runner) {
    this.clock = clock;
    this.state = state;
    this.processors = processors;
    this.runner = runner;
  }

  /** How long the loop may wait for a command before due work needs it, at most {@code idle}. */
  long waitMillis(long idle) {
    long due = state.nextDueDate();
    long wait = due == Long.MAX_VALUE ? idle : Math.max(1, Math.min(idle, due - clock.millis()));
    if (backOffMillis > 0) {
      wait = Math.max(wait, Math.min(idle, (retryAt - System.nanoTime()) / 1_000_000));
    }
    return wait;
  }

  /** Processes what is due until nothing is, each round one command. */
  void trigger() {
    if (backOffMillis > 0 && System.nanoTime() - retryAt < 0) {
      return;
    }
    while (state.nextDueDate() <= clock.millis()) {
      boolean[] progressed = {false};
      boolean accepted =
          runner.run(
              ctx -> {
                processors.jobs.triggerDue(ctx);
                processors.timers.triggerDue(ctx);
                processors.messages.expireDue(ctx);
                ctx.runFollowUps();
                progressed[0] = !ctx.events().isEmpty();
                return Outcome.done();
              },
              nothing -> {},
              failure -> {});
      if (!accepted) {
        backOffMillis = Math.min(60_000, Math.max(1_000, backOffMillis * 2));
        retryAt = System.nanoTime() + backOffMillis * 1_000_000;
        LOG.error("Due work is tried again in {} ms", backOffMillis);
        return;
      }
      backOffMillis = 0;
      if (!progressed[0]) {
        return;
      }
    }
  }
}
