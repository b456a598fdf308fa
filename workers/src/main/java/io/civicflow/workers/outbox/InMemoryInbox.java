package io.civicflow.workers.outbox;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** An {@link Inbox} held in memory, for {@code civicflow.registry.elasticsearch.enabled=false}. */
public final class InMemoryInbox implements Inbox {

  static final Comparator<InboxEntry> NEWEST_FIRST =
      Comparator.comparing(InboxEntry::postedAt)
          .thenComparing(InboxEntry::notificationId)
          .reversed();

  private final ConcurrentMap<String, InboxEntry> entries = new ConcurrentHashMap<>();
  private final Set<String> mailOff = ConcurrentHashMap.newKeySet();

  @Override
  public InboxEntry add(InboxEntry entry) {
    InboxEntry existing = entries.putIfAbsent(entry.notificationId(), entry);
    return existing == null ? entry : existing;
  }

  @Override
  public Optional<InboxEntry> get(String notificationId) {
    return Optional.ofNullable(entries.get(notificationId));
  }

  @Override
  public void markMailed(String notificationId, String address, Instant at) {
    entries.computeIfPresent(notificationId, (id, entry) -> entry.withMailed(address, at));
  }

  @Override
  public boolean markRead(String userId, String notificationId, Instant at) {
    InboxEntry entry = entries.get(notificationId);
    if (entry == null || !entry.userId().equals(userId)) {
      return false;
    }
    entries.computeIfPresent(notificationId, (id, e) -> e.read() ? e : e.withRead(at));
    return true;
  }

  @Override
  public List<InboxEntry> of(String userId) {
    return entries.values().stream()
        .filter(entry -> entry.userId().equals(userId))
        .sorted(NEWEST_FIRST)
        .toList();
  }

  @Override
  public boolean mailEnabled(String userId) {
    return !mailOff.contains(userId);
  }

  @Override
  public void setMailEnabled(String userId, boolean enabled) {
    if (enabled) {
      mailOff.remove(userId);
    } else {
      mailOff.add(userId);
    }
  }
}
