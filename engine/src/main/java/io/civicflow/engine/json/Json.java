package io.civicflow.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The engine's one JSON codec: variable values as JSON text, and the journal's records. */
public final class Json {

  /**
   * Reads every string and name the writer writes: Jackson's default read limits (20 million
   * characters per string, 50,000 per name) would make a journal record with a longer variable
   * value or task header unreadable, though it was written and acknowledged; records are bounded by
   * the journal's maximum record size instead.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxStringLength(Integer.MAX_VALUE)
                          .maxNameLength(Integer.MAX_VALUE)
                          .build())
                  .build())
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Json() {}

  /** JSON text of a JSON-compatible Java value. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "value is not JSON-compatible: " + e.getOriginalMessage(), e);
    }
  }

  /** The Java value of JSON text (maps, lists, strings, numbers, booleans, null). */
  public static Object read(String json) {
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException("stored JSON is unreadable: " + json, e);
    }
  }

  public static Map<String, Object> readObject(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("stored JSON is unreadable: " + json, e);
    }
  }
}
