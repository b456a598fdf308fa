package io.civicflow.workers.taskviews;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TaskViews} in memory, when Elasticsearch is switched off: lost on a restart. Only
 * authenticated users have an entry, so the map is bounded by the users file.
 */
public final class InMemoryTaskViews implements TaskViews {

  private final Map<String, List<TaskView>> byUser = new ConcurrentHashMap<>();

  @Override
  public List<TaskView> of(String userId) {
    return byUser.getOrDefault(userId, List.of());
  }

  @Override
  public void replace(String userId, List<TaskView> views) {
    byUser.put(userId, List.copyOf(views));
  }
}
