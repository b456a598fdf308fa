package io.civicflow.engine.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The engine's JSON codecs: {@link #MAPPER} for the journal's and the snapshots' records (strict),
 * {@link #VALUES} for what users give the engine (variable values, form schemas; lenient).
 */
public final class Json {

  /**
   * The journal's and the snapshots' records ({@code EventBatch}, {@code Snapshot}). Strict: a
   * stored field the record no longer has, a record field the stored JSON lacks, or a null for a
   * primitive fails the read, so a format change cannot replay old records with nulls or zeros
   * (pinned by {@code JournalFormatTest} and {@code SnapshotFormatTest}).
   *
   * <p>Reads every string and name the writer writes: Jackson's default read limits (20 million
   * characters per string, 50,000 per name) would make a journal record with a longer variable
   * value or task header unreadable, though it was written and acknowledged; records are bounded by
   * the journal's maximum record size instead.
   */
  /**
   * The one exception to strictness: a record component annotated {@code @JacksonInject(value =
   * Json.ABSENT_BEFORE, useInput = OptBoolean.TRUE)} was added compatibly and reads as {@code null}
   * from records written before it (the identity state in a snapshot).
   */
  public static final String ABSENT_BEFORE = "civicflow.absent-before";

  private static final StreamReadConstraints UNBOUNDED =
      StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE)
          .maxNameLength(Integer.MAX_VALUE)
          .build();

  public static final ObjectMapper MAPPER = strict(JsonMapper.builder(unboundedStrings()));

  /**
   * {@link #MAPPER}'s mapping in Smile, Jackson's binary JSON, with names and short values written
   * once and referred back to (history trees' bodies, whose records repeat both).
   */
  public static final ObjectMapper SMILE =
      strict(
          SmileMapper.builder(
              SmileFactory.builder()
                  .enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES)
                  .streamReadConstraints(UNBOUNDED)
                  .build()));

  private static ObjectMapper strict(MapperBuilder<?, ?> builder) {
    return builder
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // a decimal in a stored value (a buffered message's, a completion's variables) keeps
        // every digit across a restart, as JSON text does
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .injectableValues(new InjectableValues.Std().addValue(ABSENT_BEFORE, null))
        .build();
  }

  /**
   * Values users give the engine (variables, message payloads, form schemas): any JSON, read as
   * maps, lists, strings, numbers, booleans and null; lenient where binding to a type. Reads
   * strings of any length too, since stored values are read back with it.
   */
  public static final ObjectMapper VALUES =
      JsonMapper.builder(unboundedStrings())
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Json() {}

  private static JsonFactory unboundedStrings() {
    return JsonFactory.builder().streamReadConstraints(UNBOUNDED).build();
  }

  /** JSON text of a JSON-compatible Java value. */
  public static String write(Object value) {
    try {
      return VALUES.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "value is not JSON-compatible: " + e.getOriginalMessage(), e);
    }
  }

  /** The Java value of JSON text (maps, lists, strings, numbers, booleans, null). */
  public static Object read(String json) {
    try {
      return VALUES.readValue(json, Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException("stored JSON is unreadable: " + json, e);
    }
  }

  public static Map<String, Object> readObject(String json) {
    try {
      return VALUES.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("stored JSON is unreadable: " + json, e);
    }
  }
}
