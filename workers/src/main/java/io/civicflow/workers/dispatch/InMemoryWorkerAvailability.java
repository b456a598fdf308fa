package io.civicflow.workers.dispatch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link WorkerAvailability} in memory, for tests and the embedded demo. Thread-safe. */
public final class InMemoryWorkerAvailability implements WorkerAvailability {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryWorkerAvailability.class);

  private final Set<String> away = ConcurrentHashMap.newKeySet();

  @Override
  public void mark(String userId, boolean isAway) {
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
