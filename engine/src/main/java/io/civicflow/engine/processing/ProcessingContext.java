package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.state.EngineState;
import io.civicflow.engine.state.EventApplier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The processing of one command: the time it happens at, the events it writes (each applied to the
 * state at once), the follow-up steps still to run, and the side effects to release once its events
 * are durable.
 */
final class ProcessingContext {

  private final long time;
  private final EngineState state;
  private final EventApplier applier;
  private final KeyGenerator keys;
  private final List<EngineEvent> events = new ArrayList<>();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private final ArrayDeque<Runnable> followUps = new ArrayDeque<>();

  ProcessingContext(long time, EngineState state, EventApplier applier, KeyGenerator keys) {
    this.time = time;
    this.state = state;
    this.applier = applier;
    this.keys = keys;
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
  }

  /** Runs after the current step, before the command's batch is closed (no recursion). */
  void followUp(Runnable step) {
    followUps.addLast(step);
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

  List<Runnable> sideEffects() {
    return afterCommit;
  }
}
