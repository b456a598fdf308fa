package io.civicflow.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.query.ReadModelProjection;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every event type is a named journal type, and the read model's list of events it does not need
 * names only event types. That every type is journaled by the golden scenario and applied by the
 * state and the read model (or left out on purpose) is checked by {@link JournalFormatTest}.
 */
class EventTypesTest {

  @Test
  void shouldNameEveryEventTypeInTheJournalFormat() {
    Map<Class<?>, String> named =
        Arrays.stream(EngineEvent.class.getAnnotation(JsonSubTypes.class).value())
            .collect(Collectors.toMap(JsonSubTypes.Type::value, JsonSubTypes.Type::name));
    assertThat(named.keySet()).containsExactlyInAnyOrderElementsOf(EngineEvents.types());
    named.forEach(
        (type, name) ->
            assertThat(name).as("journal name of %s", type).isEqualTo(type.getSimpleName()));
  }

  @Test
  void shouldLeaveOutOfTheReadModelOnlyEventTypes() {
    assertThat(EngineEvents.types()).containsAll(ReadModelProjection.NOT_NEEDED);
  }
}
