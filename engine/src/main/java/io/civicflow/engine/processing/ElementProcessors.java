package io.civicflow.engine.processing;

import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.EventType;
import io.civicflow.engine.model.ExecutableElement;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one table of element processors: by element kind, and for some kinds by event type in place
 * of the kind's own (escalation and signal throw and end events). Built in one expression ({@link
 * Processors}) and checked when built, at start-up: every element kind the transformer can produce
 * (every {@link ElementKind}) has exactly one processor, and every (kind, event type) pair at most
 * one override, so every element resolves to exactly one processor.
 */
final class ElementProcessors {

  private final Map<ElementKind, ElementProcessor<?>> byKind;
  private final Map<ElementKind, Map<EventType, ElementProcessor<?>>> byEvent;

  private ElementProcessors(
      Map<ElementKind, ElementProcessor<?>> byKind,
      Map<ElementKind, Map<EventType, ElementProcessor<?>>> byEvent) {
    this.byKind = byKind;
    this.byEvent = byEvent;
  }

  static Builder table() {
    return new Builder();
  }

  /** The one processor of an element, by its kind and event type. */
  ElementProcessor<?> of(ExecutableElement element) {
    Map<EventType, ElementProcessor<?>> events = byEvent.get(element.kind());
    if (events != null) {
      ElementProcessor<?> processor = events.get(element.eventType());
      if (processor != null) {
        return processor;
      }
    }
    return byKind.get(element.kind());
  }

  /** Rows of the table; {@link #build()} checks it. */
  static final class Builder {

    private final Map<ElementKind, ElementProcessor<?>> byKind = new EnumMap<>(ElementKind.class);
    private final Map<ElementKind, Map<EventType, ElementProcessor<?>>> byEvent =
        new EnumMap<>(ElementKind.class);

    private Builder() {}

    /** The processor of these element kinds. */
    Builder kinds(ElementProcessor<?> processor, ElementKind... kinds) {
      for (ElementKind kind : kinds) {
        if (byKind.putIfAbsent(kind, processor) != null) {
          throw new IllegalStateException("a second processor for " + kind);
        }
      }
      return this;
    }

    /** The processor of one event type of these element kinds, in place of the kind's own. */
    Builder event(ElementProcessor<?> processor, EventType eventType, ElementKind... kinds) {
      for (ElementKind kind : kinds) {
        if (byEvent
                .computeIfAbsent(kind, k -> new EnumMap<>(EventType.class))
                .putIfAbsent(eventType, processor)
            != null) {
          throw new IllegalStateException("a second processor for " + kind + " " + eventType);
        }
      }
      return this;
    }

    /** The table, once every element kind has its processor. */
    ElementProcessors build() {
      for (ElementKind kind : ElementKind.values()) {
        if (!byKind.containsKey(kind)) {
          throw new IllegalStateException("no processor for the element kind " + kind);
        }
      }
      return new ElementProcessors(new EnumMap<>(byKind), new EnumMap<>(byEvent));
    }
  }
}
