package io.civicflow.engine.journal;

import io.civicflow.engine.event.EngineEvent;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The event types the journal can hold: every permitted subtype of {@link EngineEvent}. */
final class EngineEvents {

  private EngineEvents() {}

  static Set<Class<?>> types() {
    return Set.of(EngineEvent.class.getPermittedSubclasses());
  }

  static Set<String> names() {
    return Arrays.stream(EngineEvent.class.getPermittedSubclasses())
        .map(Class::getSimpleName)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
