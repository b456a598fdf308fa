package io.civicflow.workers.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every user's notifications, what was mailed, and each user's choice to receive mail. Entries are
 * never deleted (they are part of the procurement record); implementations are safe for concurrent
 * use.
 */
public interface Inbox {

  /** Stores {@code entry} unless one with its id exists; returns the stored one. */
  InboxEntry add(InboxEntry entry);

  Optional<InboxEntry> get(String notificationId);

  /** Records that the entry's mail was accepted by the SMTP server. */
  void markMailed(String notificationId, String address, Instant at);

  /**
   * Marks the user's entry read (again marking an entry read keeps the first time).
   *
   * @return false if the user has no such entry
   */
  boolean markRead(String userId, String notificationId, Instant at);

  /** The user's entries, newest first. */
  List<InboxEntry> of(String userId);

  /** How many of the user's entries are unread. */
  default long unread(String userId) {
    return of(userId).stream().filter(entry -> !entry.read()).count();
  }

  /** Whether the user receives mail (the default) or switched it off. */
  boolean mailEnabled(String userId);

  void setMailEnabled(String userId, boolean enabled);
}
