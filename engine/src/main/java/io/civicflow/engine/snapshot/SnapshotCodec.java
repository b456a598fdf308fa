package io.civicflow.engine.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import io.civicflow.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A snapshot's payload: the {@link Snapshot} record as JSON, with the journal's codec, so values
 * read back from a snapshot are exactly those read back from the journal. Pinned by {@code
 * SnapshotFormatTest} (golden file).
 */
public final class SnapshotCodec {

  private SnapshotCodec() {}

  public static void write(Snapshot snapshot, OutputStream out) throws IOException {
    try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(out)) {
      generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      Json.MAPPER.writeValue(generator, snapshot);
    }
  }

  /** Reads a payload as it streams by (a snapshot may be larger than any array). */
  public static Snapshot read(InputStream payload) throws IOException {
    return Json.MAPPER.readValue(payload, Snapshot.class);
  }
}
