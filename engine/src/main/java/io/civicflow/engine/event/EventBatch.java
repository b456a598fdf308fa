package io.civicflow.engine.event;

import java.util.List;

/**
 * The events of one processed command, written and read as one journal record.
 *
 * @param position the record's position in the journal, increasing by one
 * @param timestamp the engine-clock time at which the command was processed; every event's time
 * @param lastKey the key generator's value after processing, so replay resumes it
 */
public record EventBatch(long position, long timestamp, long lastKey, List<EngineEvent> events) {}
