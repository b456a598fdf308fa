package io.civicflow.engine.snapshot;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.ReadModelImage;
import io.civicflow.engine.state.EngineStateImage;

/**
 * The engine at one journal position: its state and its read model (runtime state only), so a start
 * loads this and replays only the journal records after {@code position}.
 *
 * @param position the last journal position the snapshot reflects
 * @param lastKey the key generator's value at that position
 * @param historyPosition the history store's exported position when the snapshot was taken ({@code
 *     position} itself when no export was pending; less while exports were pending): a store found
 *     behind it on restart went backwards (restored from an older copy) and the snapshot is not
 *     used. Format 6; {@code null} from older snapshots
 */
public record Snapshot(
    long position,
    long lastKey,
    EngineStateImage state,
    ReadModelImage readModel,
    Long historyPosition) {

  /** The snapshot reader's constructor: {@code historyPosition} reads as null before format 6. */
  @JsonCreator
  public Snapshot(
      @JsonProperty("position") long position,
      @JsonProperty("lastKey") long lastKey,
      @JsonProperty("state") EngineStateImage state,
      @JsonProperty("readModel") ReadModelImage readModel,
      @JsonProperty("historyPosition")
          @JacksonInject(value = Json.ABSENT_BEFORE, useInput = OptBoolean.TRUE)
          Long historyPosition) {
    this.position = position;
    this.lastKey = lastKey;
    this.state = state;
    this.readModel = readModel;
    this.historyPosition = historyPosition;
  }
}
