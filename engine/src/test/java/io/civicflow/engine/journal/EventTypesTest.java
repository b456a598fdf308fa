package io.civicflow.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.IdentityEvent;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.ReadModelProjection;
import org.junit.jupiter.api.Test;

/**
 * Every event type is a named journal type, and the read model's list of events it does not need
 * names only event types. That every type is journaled by the golden scenario and applied by the
 * state and the read model (or left out on purpose) is checked by {@link JournalFormatTest}.
 */
class EventTypesTest {

  @Test
  void shouldNameEveryEventTypeInTheJournalFormatBySimpleName() throws Exception {
    assertThat(EngineEvents.types())
        .as("every record of the sealed hierarchy, sub-interfaces included")
        .contains(EngineEvent.JobCompleted.class, IdentityEvent.UserDeleted.class)
        .allMatch(Class::isRecord);
    EngineEvent event = new IdentityEvent.UserDeleted("li");
    String json = Json.MAPPER.writeValueAsString(event);
    assertThat(json).isEqualTo("{\"@\":\"UserDeleted\",\"username\":\"li\"}");
    assertThat(Json.MAPPER.readValue(json, EngineEvent.class)).isEqualTo(event);
    assertThatThrownBy(
            () ->
                Json.MAPPER.readValue(
                    "{\"@\":\"UserVanished\",\"username\":\"li\"}", EngineEvent.class))
        .as("an unknown type name")
        .isInstanceOf(InvalidTypeIdException.class);
  }

  @Test
  void shouldLeaveOutOfTheReadModelOnlyEventTypes() {
    assertThat(EngineEvents.types()).containsAll(ReadModelProjection.NOT_NEEDED);
  }
}
