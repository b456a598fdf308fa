package io.civicflow.engine.snapshot;

import io.civicflow.engine.query.ReadModelImage;
import io.civicflow.engine.state.EngineStateImage;

/**
 * The engine at one journal position: its state and its read model (history included), so a start
 * loads this and replays only the journal records after {@code position}.
 *
 * @param position the last journal position the snapshot reflects
 * @param lastKey the key generator's value at that position
 */
public record Snapshot(
    long position, long lastKey, EngineStateImage state, ReadModelImage readModel) {}
