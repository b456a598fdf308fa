package io.civicflow.workers.registry.elasticsearch;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxMessage;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Outbox} in Elasticsearch ({@link RegistryIndices#OUTBOX}): publications and
 * notifications, one document per message id, created only if absent (the first message posted
 * under an id stays), searchable by topic, business key, recipient group and Chinese title.
 * Publications are procurement records and are never deleted.
 */
public final class ElasticsearchOutbox implements Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchOutbox.class);
  private static final String ALIAS = RegistryIndices.OUTBOX.alias();
  private static final List<String> OLDEST_FIRST = List.of("postedAt", "messageId");

  private final ElasticsearchDocumentStore store;

  public ElasticsearchOutbox(ElasticsearchDocumentStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public OutboxMessage post(OutboxMessage message) {
    ElasticsearchDocumentStore.Stored<OutboxMessage> stored =
        store.createOnce(ALIAS, message.messageId(), message, OutboxMessage.class);
    OutboxMessage kept = stored.document();
    if (stored.created()) {
      LOG.info(
          "Outbox {} [{}] {} -> {}: {}",
          kept.messageId(),
          kept.topic(),
          kept.businessKey(),
          kept.recipientGroup(),
          kept.title());
    } else if (!kept.hasSameContentAs(message)) {
      LOG.warn(
          "Outbox {} posted again with different content; keeping the message posted at {}",
          kept.messageId(),
          kept.postedAt());
    }
    return kept;
  }

  @Override
  public List<OutboxMessage> find(String topic, String businessKey) {
    Query query =
        Query.of(
            q ->
                q.bool(
                    b ->
                        b.filter(ElasticsearchDocumentStore.term("topic", topic))
                            .filter(ElasticsearchDocumentStore.term("businessKey", businessKey))));
    return store.searchSorted(ALIAS, query, OLDEST_FIRST, OutboxMessage.class);
  }

  /** Every message, oldest first (at most {@link ElasticsearchDocumentStore#MAX_RESULTS}). */
  @Override
  public List<OutboxMessage> all() {
    return store.searchSorted(
        ALIAS, Query.of(q -> q.matchAll(m -> m)), OLDEST_FIRST, OutboxMessage.class);
  }
}
