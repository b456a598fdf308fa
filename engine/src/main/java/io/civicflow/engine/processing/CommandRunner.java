package io.civicflow.engine.processing;

import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.clock.EngineClock;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EventBatch;
import io.civicflow.engine.journal.RecordTooLargeException;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.processing.JournalWriter.PendingBatch;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.EngineState;
import io.civicflow.engine.state.EventApplier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on the processing thread, each all or nothing, and collects this turn's batches for
 * the {@link JournalWriter}. On success a command's events become one batch, encoded here (so the
 * writer never meets a batch it cannot write) and queued with the answer. A rejection is answered
 * with nothing written. Anything that fails after the first write — a bug, a late rejection, a
 * batch the journal cannot encode — discards the command's events and restores the state as it was
 * before it; where the command concerned an element instance, that instance gets an incident
 * ({@link FailureIncident}); the caller gets the failure (a rejection as such, anything else as a
 * {@link CommandFailedException}), and the engine goes on.
 */
final class CommandRunner {

  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

  private final EngineClock clock;
  private final EngineState state;
  private final EventApplier applier;
  private final KeyGenerator keys;
  private final JournalWriter writer;
  private final Recovery recovery;

  /** The journal's maximum record size: a command whose batch is larger is refused whole. */
  private final int maxRecordBytes;

  private volatile Consumer<EngineEvent> writeHook;

  /** This turn's batches, handed to the writer at its end. */
  private final List<PendingBatch> outbox = new ArrayList<>();

  CommandRunner(
      EngineClock clock,
      EngineState state,
      EventApplier applier,
      KeyGenerator keys,
      JournalWriter writer,
      Recovery recovery,
      int maxRecordBytes) {
    this.maxRecordBytes = maxRecordBytes;
    this.clock = clock;
    this.state = state;
    this.applier = applier;
    this.keys = keys;
    this.writer = writer;
    this.recovery = recovery;
  }

  void onEventWritten(Consumer<EngineEvent> hook) {
    this.writeHook = hook;
  }

  /** Runs a command; answers whether it was accepted. */
  <T> boolean run(
      Function<ProcessingContext, Outcome<T>> handler,
      Consumer<T> onSuccess,
      Consumer<Throwable> onFailure) {
    return run(handler, onSuccess, onFailure, false);
  }

  /**
   * @param purge the batch starts a new journal (see {@link JournalWriter})
   */
  <T> boolean run(
      Function<ProcessingContext, Outcome<T>> handler,
      Consumer<T> onSuccess,
      Consumer<Throwable> onFailure,
      boolean purge) {
    return run(handler, onSuccess, onFailure, purge, true);
  }

  /**
   * @param incidentOnFailure whether a failure after the first write raises an incident ({@link
   *     FailureIncident}); not for the command that raises one
   */
  private <T> boolean run(
      Function<ProcessingContext, Outcome<T>> handler,
      Consumer<T> onSuccess,
      Consumer<Throwable> onFailure,
      boolean purge,
      boolean incidentOnFailure) {
    ProcessingContext ctx = new ProcessingContext(clock.millis(), state, applier, keys, writeHook);
    Outcome<PendingBatch> pending;
    try {
      Outcome<T> outcome = handler.apply(ctx);
      if (outcome.isRejected()) {
        return refuse(ctx, outcome.rejection(), onFailure);
      }
      ctx.runFollowUps();
      T result = outcome.value();
      pending = closeBatch(ctx, () -> onSuccess.accept(result), purge);
    } catch (RuntimeException | StackOverflowError bug) {
      if (ctx.events().isEmpty()) {
        LOG.error("Processing a command failed before it wrote anything; it is refused", bug);
      } else {
        LOG.error(
            "Processing a command failed after {} events; they are discarded and the state restored",
            ctx.events().size(),
            bug);
        restoreState();
        if (incidentOnFailure && !(bug instanceof UnjournalableBatch)) {
          raiseIncident(ctx.events(), bug);
        }
      }
      CommandFailedException failure = new CommandFailedException(bug);
      answerInOrder(() -> onFailure.accept(failure));
      return false;
    }
    if (pending.isRejected()) {
      LOG.warn(
          "A command's events exceed one journal record; it is refused whole: {}",
          pending.rejection().message());
      restoreState();
      answerInOrder(() -> onFailure.accept(pending.rejection().toException()));
      return false;
    }
    ctx.acceptedSteps().forEach(Runnable::run);
    outbox.add(pending.value());
    return true;
  }

  /** A rejection: answered, with nothing written (a rejection after a write is a bug: undone). */
  private boolean refuse(
      ProcessingContext ctx, Rejection rejection, Consumer<Throwable> onFailure) {
    if (!ctx.events().isEmpty()) {
      LOG.error(
          "A command was rejected after it had written events (a bug: a handler must check before it "
              + "writes); its events are discarded and the state restored: {}",
          rejection);
      restoreState();
    }
    answerInOrder(() -> onFailure.accept(rejection.toException()));
    return false;
  }

  /** Runs an effect in order behind the batches not yet durable. */
  void answerInOrder(Runnable effect) {
    outbox.add(PendingBatch.effects(List.of(effect)));
  }

  /** Queues something else for the writer in order (a snapshot marker). */
  void queue(PendingBatch pending) {
    outbox.add(pending);
  }

  /** At the end of a turn: this turn's batches go to the writer together (one group commit). */
  void handOff() {
    if (!outbox.isEmpty()) {
      writer.hand(List.copyOf(outbox));
      outbox.clear();
    }
  }

  /**
   * The batch of an accepted command, encoded, with its answer first among its side effects; or a
   * rejection if it does not fit in one journal record.
   */
  private Outcome<PendingBatch> closeBatch(
      ProcessingContext ctx, Runnable response, boolean purge) {
    List<Runnable> effects = new ArrayList<>(ctx.sideEffects().size() + 1);
    effects.add(response);
    effects.addAll(ctx.sideEffects());
    if (ctx.events().isEmpty()) {
      return Outcome.of(PendingBatch.effects(effects));
    }
    EventBatch batch =
        new EventBatch(
            state.lastPosition() + 1, ctx.time(), keys.last(), List.copyOf(ctx.events()));
    byte[] record;
    try {
      record = Json.MAPPER.writeValueAsBytes(batch);
    } catch (IOException e) {
      throw new UnjournalableBatch(e);
    }
    if (record.length > maxRecordBytes) {
      return Outcome.rejected(
          new Rejection(
              RejectionType.PAYLOAD_TOO_LARGE,
              "Expected the command's events to fit in one journal record, but "
                  + new RecordTooLargeException(record.length, maxRecordBytes).getMessage()));
    }
    state.nextPosition();
    return Outcome.of(new PendingBatch(batch, record, purge, effects, null));
  }

  /**
   * After a command failed part-way and the state was restored: an incident on the element instance
   * it concerned, if any ({@link FailureIncident}), in a command of its own.
   */
  private void raiseIncident(List<EngineEvent> discarded, Throwable bug) {
    ElementInstance instance;
    try {
      instance = FailureIncident.concerned(state, discarded).orElse(null);
    } catch (RuntimeException e) {
      LOG.error("Could not tell which element instance the failed command concerned", e);
      return;
    }
    if (instance == null) {
      return;
    }
    run(
        ctx -> {
          new IncidentBehavior()
              .raise(ctx, instance, IncidentBehavior.UNKNOWN, FailureIncident.message(bug));
          return Outcome.done();
        },
        nothing ->
            LOG.warn(
                "Raised an incident on element instance {} of process instance {}",
                instance.key(),
                instance.processInstanceKey()),
        failure -> {},
        false,
        false);
  }

  /** A command's events that the journal's encoding refuses (a value, not a bug). */
  private static final class UnjournalableBatch extends UncheckedIOException {
    UnjournalableBatch(IOException cause) {
      super("the command's events cannot be written to the journal", cause);
    }
  }

  /**
   * After a command failed part-way: everything accepted before it is made durable first (it is in
   * the state, so it must be in the journal the state is rebuilt from), then the state is rebuilt
   * without it ({@link Recovery#restoreState}). This is the recovery code path and costs nothing on
   * commands that succeed, which is why it is done this way rather than with an undo log or a copy
   * of the state per command.
   */
  private void restoreState() {
    handOff();
    if (writer.awaitWritten()) {
      recovery.restoreState();
    } // else the writer stopped: the engine refuses work from now on anyway
  }
}
