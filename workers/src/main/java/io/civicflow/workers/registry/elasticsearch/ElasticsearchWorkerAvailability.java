package io.civicflow.workers.registry.elasticsearch;

import io.civicflow.workers.dispatch.InMemoryWorkerAvailability;
import io.civicflow.workers.dispatch.WorkerAvailability;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WorkerAvailability} in Elasticsearch ({@link RegistryIndices#WORKER_AVAILABILITY}, one
 * document per social worker, id = user id): who is away survives a restart of the application, so
 * the AB role keeps handing an away worker's tasks to the backup. The same bound as in memory
 * ({@link InMemoryWorkerAvailability#MAX_AWAY} marked away at once).
 */
public final class ElasticsearchWorkerAvailability implements WorkerAvailability {

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchWorkerAvailability.class);
  private static final String ALIAS = RegistryIndices.WORKER_AVAILABILITY.alias();

  /** One worker's availability as stored; {@code changedAt} is the engine's time of the mark. */
  public record Stored(String userId, boolean away, Instant changedAt) {}

  private final ElasticsearchDocumentStore store;
  private final InstantSource clock;

  public ElasticsearchWorkerAvailability(ElasticsearchDocumentStore store, InstantSource clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized void mark(String userId, boolean away) {
    Objects.requireNonNull(userId, "userId");
    boolean wasAway = isAway(userId);
    if (wasAway == away) {
      return;
    }
    if (away && store.countByTerm(ALIAS, "away", "true") >= InMemoryWorkerAvailability.MAX_AWAY) {
      throw new IllegalStateException(
          "Already "
              + InMemoryWorkerAvailability.MAX_AWAY
              + " social workers are marked away; mark some back first");
    }
    store.upsert(ALIAS, userId, new Stored(userId, away, clock.instant()));
    store.refresh(ALIAS);
    LOG.info("Social worker {} is {}", userId, away ? "away" : "back at work");
  }

  @Override
  public boolean isAway(String userId) {
    return store.get(ALIAS, userId, Stored.class).map(Stored::away).orElse(false);
  }
}
