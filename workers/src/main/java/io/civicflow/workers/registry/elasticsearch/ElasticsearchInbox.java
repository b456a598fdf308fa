package io.civicflow.workers.registry.elasticsearch;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.civicflow.workers.outbox.Inbox;
import io.civicflow.workers.outbox.InboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@link Inbox} in Elasticsearch: one document per notification and person ({@link
 * RegistryIndices#INBOX}, created only if absent, changed with optimistic concurrency so that a
 * mail mark and a read mark never overwrite each other), and each user's mail setting ({@link
 * RegistryIndices#NOTIFICATION_SETTINGS}).
 */
public final class ElasticsearchInbox implements Inbox {

  private static final String ALIAS = RegistryIndices.INBOX.alias();
  private static final String SETTINGS = RegistryIndices.NOTIFICATION_SETTINGS.alias();

  /** A user's notification settings. */
  public record Setting(String userId, boolean mailEnabled) {}

  private final ElasticsearchDocumentStore store;

  public ElasticsearchInbox(ElasticsearchDocumentStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public InboxEntry add(InboxEntry entry) {
    // not refreshed on the job's path: reads by id see it at once, the inbox search refreshes first
    return store
        .createOnce(ALIAS, entry.notificationId(), entry, InboxEntry.class, false)
        .document();
  }

  @Override
  public Optional<InboxEntry> get(String notificationId) {
    return store.get(ALIAS, notificationId, InboxEntry.class);
  }

  @Override
  public void markMailed(String notificationId, String address, Instant at) {
    change(notificationId, entry -> entry.mailed() ? entry : entry.withMailed(address, at));
  }

  @Override
  public boolean markRead(String userId, String notificationId, Instant at) {
    Optional<InboxEntry> entry = get(notificationId);
    if (entry.isEmpty() || !entry.get().userId().equals(userId)) {
      return false;
    }
    change(notificationId, e -> e.read() ? e : e.withRead(at));
    return true;
  }

  private void change(String notificationId, UnaryOperator<InboxEntry> change) {
    for (int attempt = 0; attempt < 10; attempt++) {
      Optional<ElasticsearchDocumentStore.Versioned<InboxEntry>> read =
          store.getVersioned(ALIAS, notificationId, InboxEntry.class);
      if (read.isEmpty()) {
        return;
      }
      InboxEntry changed = change.apply(read.get().document());
      if (changed.equals(read.get().document())
          || store.replaceIfUnchanged(ALIAS, notificationId, changed, read.get(), false)) {
        return;
      }
    }
    throw new ElasticsearchAccessException(
        "Inbox entry " + notificationId + " kept changing under ten attempts", null);
  }

  @Override
  public List<InboxEntry> of(String userId) {
    store.refresh(ALIAS);
    List<InboxEntry> entries =
        new ArrayList<>(
            store.searchSorted(
                ALIAS,
                Query.of(
                    q -> q.bool(b -> b.filter(ElasticsearchDocumentStore.term("userId", userId)))),
                List.of("postedAt", "notificationId"),
                InboxEntry.class));
    Collections.reverse(entries);
    return entries;
  }

  @Override
  public boolean mailEnabled(String userId) {
    return store.get(SETTINGS, userId, Setting.class).map(Setting::mailEnabled).orElse(true);
  }

  @Override
  public void setMailEnabled(String userId, boolean enabled) {
    store.upsert(SETTINGS, userId, new Setting(userId, enabled));
    store.refresh(SETTINGS);
  }
}
