package io.civicflow.workers.registry.elasticsearch;

import io.civicflow.workers.taskviews.TaskView;
import io.civicflow.workers.taskviews.TaskViews;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * {@link TaskViews} in Elasticsearch ({@link RegistryIndices#TASK_VIEWS}, one document per user, id
 * = user id, the views kept as written): a user's views follow them to any browser and survive a
 * restart.
 */
public final class ElasticsearchTaskViews implements TaskViews {

  private static final String ALIAS = RegistryIndices.TASK_VIEWS.alias();

  /** One user's views as stored; {@code changedAt} is the engine's time of the last change. */
  public record Stored(String userId, List<TaskView> views, Instant changedAt) {}

  private final ElasticsearchDocumentStore store;
  private final InstantSource clock;

  public ElasticsearchTaskViews(ElasticsearchDocumentStore store, InstantSource clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<TaskView> of(String userId) {
    return store.get(ALIAS, userId, Stored.class).map(Stored::views).orElse(List.of());
  }

  @Override
  public void replace(String userId, List<TaskView> views) {
    store.upsert(ALIAS, userId, new Stored(userId, List.copyOf(views), clock.instant()));
    store.refresh(ALIAS);
  }
}
