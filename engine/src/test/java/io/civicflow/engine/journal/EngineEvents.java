package io.civicflow.engine.journal;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EventTypeNames;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event types the journal can hold: every record of the sealed {@link EngineEvent} hierarchy.
 */
final class EngineEvents {

  private EngineEvents() {}

  static Set<Class<?>> types() {
    return Set.copyOf(EventTypeNames.types().values());
  }

  static Set<String> names() {
    return new TreeSet<>(EventTypeNames.types().keySet());
  }
}
