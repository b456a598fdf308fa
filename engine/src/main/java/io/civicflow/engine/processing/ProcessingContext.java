package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.state.EngineState;
import io.civicflow.engine.state.EventApplier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The processing of one command: the time it happens at, the events it writes (each applied to the
 * state at once, so the rest of the command sees it), the follow-up steps still to run, and what to
 * do once the command is accepted (on the processing thread) and once its events are durable (side
 * effects). A command is all or nothing: if it fails after its first write, {@link Partition}
 * discards its events, restores the state, and runs none of these.
 */
final class ProcessingContext {

  private final long time;
  private final EngineState state;
  private final EventApplier applier;
  private final KeyGenerator keys;
  private final Consumer<EngineEvent> writeHook;
  private final List<EngineEvent> events = new ArrayList<>();
  private final List<Runnable> whenAccepted = new ArrayList<>();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private final ArrayDeque<Runnable> followUps = new ArrayDeque<>();

  ProcessingContext(
      long time,
      EngineState state,
      EventApplier applier,
      KeyGenerator keys,
      Consumer<EngineEvent> writeHook) {
    this.time = time;
    this.state = state;
    this.applier = applier;
    this.keys = keys;
    this.writeHook = writeHook;
  }

  long time() {
    return time;
  }

  EngineState state() {
    return state;
  }

  long nextKey() {
    return keys.next();
  }

  void write(EngineEvent event) {
    events.add(event);
    applier.apply(event);
    if (writeHook != null) {
      writeHook.accept(event);
    }
  }

  /** Runs after the current step, before the command's batch is closed (no recursion). */
  void followUp(Runnable step) {
    followUps.addLast(step);
  }

  /**
   * Runs on the processing thread once the command is accepted (its batch is closed), never for a
   * command that fails: bookkeeping outside the state, such as waiters to forget.
   */
  void whenAccepted(Runnable step) {
    whenAccepted.add(step);
  }

  /** Runs once the command's events are durable (responses, notifications). */
  void afterCommit(Runnable sideEffect) {
    afterCommit.add(sideEffect);
  }

  void runFollowUps() {
    Runnable step;
    while ((step = followUps.pollFirst()) != null) {
      step.run();
    }
  }

  List<EngineEvent> events() {
    return events;
  }

  List<Runnable> acceptedSteps() {
    return whenAccepted;
  }

  List<Runnable> sideEffects() {
    return afterCommit;
  }
}
