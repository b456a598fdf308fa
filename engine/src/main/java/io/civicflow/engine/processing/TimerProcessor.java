package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.TimerCreated;
import io.civicflow.engine.event.EngineEvent.TimerTriggered;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.EventState.Timer;
import io.civicflow.engine.timer.TimerSchedule;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Triggers due timers, earliest due date first (ties by key), each with its follow-up steps before
 * the next. A cycle timer is scheduled again for its next due date (computed from the due date it
 * just had, so a clock moved far ahead fires every repetition in order) while repetitions remain
 * and, for a boundary event, while its activity is active. A start-event timer creates a process
 * instance.
 */
final class TimerProcessor {

  /**
   * At most this many timers per command batch; the partition runs another while timers are due.
   */
  private static final int MAX_PER_BATCH = 1000;

  private final EventTriggerBehavior triggers;
  private final StartEventBehavior starts;

  TimerProcessor(EventTriggerBehavior triggers, StartEventBehavior starts) {
    this.triggers = triggers;
    this.starts = starts;
  }

  void triggerDue(ProcessingContext ctx) {
    int count = 0;
    Optional<Timer> due;
    while (count < MAX_PER_BATCH
        && (due = ctx.state().events().firstDueTimer(ctx.time())).isPresent()) {
      trigger(ctx, due.get());
      ctx.runFollowUps();
      count++;
    }
  }

  private void trigger(ProcessingContext ctx, Timer timer) {
    ctx.write(new TimerTriggered(timer.key()));
    if (timer.isStartEvent()) {
      rearm(ctx, timer);
      starts.start(ctx, timer.processDefinitionKey(), timer.targetElementId(), Map.of());
      return;
    }
    ElementInstance owner = triggers.triggerable(ctx, timer.elementInstanceKey());
    if (owner == null) {
      return;
    }
    ExecutableElement target = triggers.element(ctx, owner, timer.targetElementId());
    if (!(EventSubscriptionBehavior.isEventSubProcessStart(target)
        && EventSubscriptionBehavior.interrupting(target))) {
      rearm(ctx, timer); // an interrupting event sub-process runs once: its scope is interrupted
    }
    triggers.trigger(ctx, owner, target, Map.of());
  }

  private static void rearm(ProcessingContext ctx, Timer timer) {
    if (timer.cycle() == null || timer.repetitions() == 1 || timer.repetitions() == 0) {
      return;
    }
    OptionalLong next =
        TimerSchedule.parse(TimerSchedule.Kind.CYCLE, timer.cycle()).nextDueDate(timer.dueDate());
    if (next.isEmpty()) {
      return;
    }
    int left =
        timer.repetitions() == TimerSchedule.INFINITE
            ? TimerSchedule.INFINITE
            : timer.repetitions() - 1;
    ctx.write(
        new TimerCreated(
            ctx.nextKey(),
            timer.elementInstanceKey(),
            timer.processInstanceKey(),
            timer.processDefinitionKey(),
            timer.targetElementId(),
            next.getAsLong(),
            left,
            timer.cycle()));
  }
}
