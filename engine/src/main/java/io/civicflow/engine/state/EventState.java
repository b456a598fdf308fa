package io.civicflow.engine.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.civicflow.engine.state.EngineState.Due;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runtime of timers, messages and signals: scheduled timers (in a due-date index), open message
 * and signal subscriptions, buffered messages (in a deadline index) and the message start event
 * locks. Part of {@link EngineState}; changed only by {@link EventStateApplier}.
 *
 * <p>Every timer and subscription has an owner: the element instance it belongs to (closed when
 * that element is left), or for start events the process definition (closed when a newer version is
 * deployed).
 */
public final class EventState {

  public record Timer(
      long key,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String targetElementId,
      long dueDate,
      int repetitions,
      String cycle) {

    @JsonIgnore // derived, not stored; snapshots written before this still carry it, and are read
    public boolean isStartEvent() {
      return elementInstanceKey < 0;
    }
  }

  public record MessageSubscription(
      long key,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      String elementId,
      String messageName,
      String correlationKey,
      boolean closeOnCorrelate) {

    @JsonIgnore // derived, not stored; snapshots written before this still carry it, and are read
    public boolean isStartEvent() {
      return elementInstanceKey < 0;
    }
  }

  public record SignalSubscription(
      long key,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      String elementId,
      String signalName,
      boolean closeOnTrigger) {

    @JsonIgnore // derived, not stored; snapshots written before this still carry it, and are read
    public boolean isStartEvent() {
      return elementInstanceKey < 0;
    }
  }

  /**
   * A message kept for its time to live, and the processes (by BPMN id) it was already correlated
   * to.
   */
  public record BufferedMessage(
      long key,
      String name,
      String correlationKey,
      String messageId,
      long deadline,
      Map<String, Object> variables,
      Set<String> correlatedProcesses) {}

  final Map<Long, Timer> timers = new HashMap<>();
  final NavigableSet<Due> timerDueDates = new TreeSet<>();
  final Map<Long, MessageSubscription> messageSubscriptions = new HashMap<>();
  final Map<String, LinkedHashSet<Long>> messageSubscriptionsByKey = new HashMap<>();
  final Map<String, LinkedHashSet<Long>> messageStartSubscriptionsByName = new HashMap<>();
  final Map<Long, BufferedMessage> messages = new HashMap<>();
  final Map<String, LinkedHashSet<Long>> messagesByKey = new HashMap<>();
  final NavigableSet<Due> messageDeadlines = new TreeSet<>();
  final Map<Long, SignalSubscription> signalSubscriptions = new HashMap<>();
  final Map<String, LinkedHashSet<Long>> signalSubscriptionsByName = new HashMap<>();
  final Map<Long, LinkedHashSet<Long>> byOwner = new HashMap<>();
  final Map<String, Long> messageStartLocks = new HashMap<>();
  final Map<Long, String> lockByInstance = new HashMap<>();

  void clear() {
    timers.clear();
    timerDueDates.clear();
    messageSubscriptions.clear();
    messageSubscriptionsByKey.clear();
    messageStartSubscriptionsByName.clear();
    messages.clear();
    messagesByKey.clear();
    messageDeadlines.clear();
    signalSubscriptions.clear();
    signalSubscriptionsByName.clear();
    byOwner.clear();
    messageStartLocks.clear();
    lockByInstance.clear();
  }

  static String key(String name, String correlationKey) {
    return name + '\u0000' + (correlationKey == null ? "" : correlationKey);
  }

  /** The earliest timer due date or message deadline, or MAX_VALUE. */
  public long nextDueDate() {
    long next = Long.MAX_VALUE;
    if (!timerDueDates.isEmpty()) {
      next = timerDueDates.first().time();
    }
    if (!messageDeadlines.isEmpty()) {
      next = Math.min(next, messageDeadlines.first().time());
    }
    return next;
  }

  // --- timers

  public Optional<Timer> timer(long key) {
    return Optional.ofNullable(timers.get(key));
  }

  /** The timer due first (by due date, then key), if it is due at {@code now}. */
  public Optional<Timer> firstDueTimer(long now) {
    if (timerDueDates.isEmpty() || timerDueDates.first().time() > now) {
      return Optional.empty();
    }
    return Optional.of(timers.get(timerDueDates.first().key()));
  }

  // --- messages

  public Optional<MessageSubscription> messageSubscription(long key) {
    return Optional.ofNullable(messageSubscriptions.get(key));
  }

  /**
   * Open subscriptions of element instances for a message name and correlation key, oldest first.
   */
  public List<MessageSubscription> messageSubscriptions(String name, String correlationKey) {
    return resolve(messageSubscriptionsByKey.get(key(name, correlationKey)), messageSubscriptions);
  }

  /**
   * Message start event subscriptions (one per process, latest version) for a name, oldest first.
   */
  public List<MessageSubscription> messageStartSubscriptions(String name) {
    return resolve(messageStartSubscriptionsByName.get(name), messageSubscriptions);
  }

  /** Buffered messages with a name and correlation key, in publication order. */
  public List<BufferedMessage> bufferedMessages(String name, String correlationKey) {
    List<Long> keys =
        new ArrayList<>(
            messagesByKey.getOrDefault(key(name, correlationKey), new LinkedHashSet<>()));
    keys.sort(Long::compare);
    return resolve(keys, messages);
  }

  /** Buffered messages with a name, any correlation key, in publication order. */
  public List<BufferedMessage> bufferedMessages(String name) {
    List<BufferedMessage> result = new ArrayList<>();
    String prefix = name + '\u0000';
    messagesByKey.forEach(
        (k, keys) -> {
          if (k.startsWith(prefix)) {
            keys.forEach(key -> result.add(messages.get(key)));
          }
        });
    result.sort((a, b) -> Long.compare(a.key(), b.key()));
    return result;
  }

  public Optional<BufferedMessage> message(long key) {
    return Optional.ofNullable(messages.get(key));
  }

  /** Buffered messages whose deadline is at or before {@code now}. */
  public List<Long> expiredMessages(long now) {
    List<Long> keys = new ArrayList<>();
    for (Due due : messageDeadlines.headSet(new Due(now, Long.MAX_VALUE), true)) {
      keys.add(due.key());
    }
    return keys;
  }

  /** Whether an instance started by a message start event with this correlation key is active. */
  public boolean isStartLocked(String bpmnProcessId, String correlationKey) {
    return messageStartLocks.containsKey(key(bpmnProcessId, correlationKey));
  }

  /**
   * The correlation key a message start event started this process instance with, if it holds the
   * lock.
   */
  public Optional<String> startLockOf(long processInstanceKey) {
    String lock = lockByInstance.get(processInstanceKey);
    return lock == null
        ? Optional.empty()
        : Optional.of(lock.substring(lock.indexOf('\u0000') + 1));
  }

  // --- signals

  public Optional<SignalSubscription> signalSubscription(long key) {
    return Optional.ofNullable(signalSubscriptions.get(key));
  }

  public List<SignalSubscription> signalSubscriptions(String name) {
    return resolve(signalSubscriptionsByName.get(name), signalSubscriptions);
  }

  // --- owners

  /** Keys of the timers and subscriptions an element instance (or a process definition) owns. */
  public Collection<Long> ownedBy(long ownerKey) {
    LinkedHashSet<Long> keys = byOwner.get(ownerKey);
    return keys == null ? List.of() : List.copyOf(keys);
  }

  /** The catch element a timer or subscription triggers (its element id), or null. */
  public String catchElementIdOf(long key) {
    Timer timer = timers.get(key);
    if (timer != null) {
      return timer.targetElementId();
    }
    MessageSubscription message = messageSubscriptions.get(key);
    if (message != null) {
      return message.elementId();
    }
    SignalSubscription signal = signalSubscriptions.get(key);
    return signal == null ? null : signal.elementId();
  }

  public boolean isTimer(long key) {
    return timers.containsKey(key);
  }

  public boolean isMessageSubscription(long key) {
    return messageSubscriptions.containsKey(key);
  }

  public boolean isSignalSubscription(long key) {
    return signalSubscriptions.containsKey(key);
  }

  private static <T> List<T> resolve(Collection<Long> keys, Map<Long, T> records) {
    if (keys == null || keys.isEmpty()) {
      return List.of();
    }
    List<T> result = new ArrayList<>(keys.size());
    for (Long key : keys) {
      T record = records.get(key);
      if (record != null) {
        result.add(record);
      }
    }
    return result;
  }

  static Set<String> newProcessSet() {
    return new HashSet<>();
  }
}
