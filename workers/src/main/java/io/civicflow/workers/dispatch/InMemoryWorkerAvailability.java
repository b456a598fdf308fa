package io.civicflow.workers.dispatch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WorkerAvailability} in memory, when Elasticsearch is switched off, bounded ({@link
 * #MAX_AWAY}). Thread-safe. Not kept across a restart: everyone is back at work then.
 */
public final class InMemoryWorkerAvailability implements WorkerAvailability {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryWorkerAvailability.class);

  /**
   * At most this many workers are marked away at once: the set cannot be grown without bound by
   * made-up names; a mark beyond it is refused.
   */
  public static final int MAX_AWAY = 10_000;

  private final Set<String> away = ConcurrentHashMap.newKeySet();

  @Override
  public synchronized void mark(String userId, boolean isAway) {
    if (isAway && !away.contains(userId) && away.size() >= MAX_AWAY) {
      throw new IllegalStateException(
          "Already " + MAX_AWAY + " social workers are marked away; mark some back first");
    }
    boolean changed = isAway ? away.add(userId) : away.remove(userId);
    if (changed) {
      LOG.info("Social worker {} is {}", userId, isAway ? "away" : "back at work");
    }
  }

  @Override
  public boolean isAway(String userId) {
    return away.contains(userId);
  }
}
