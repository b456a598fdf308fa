package io.civicflow.engine.web.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The JSON dialect of the Camunda 8 REST API v2 as this engine speaks it:
 *
 * <ul>
 *   <li>{@code null} properties are omitted (strict clients reject {@code null} for optional
 *       fields), while {@code null} entries inside maps (variables) are kept;
 *   <li>unknown request properties are ignored;
 *   <li>int64 inputs are accepted as JSON numbers or numeric strings (Jackson's scalar coercion);
 *   <li>every {@code long}/{@code Long} property whose name ends in {@code Key} is written as a
 *       JSON string (the client parses keys with {@code Long.parseLong});
 *   <li>{@link Instant}s are written as ISO-8601 UTC with exactly three fraction digits ({@code
 *       2023-03-29T20:08:07.171Z});
 *   <li>fractional numbers are read as {@link java.math.BigDecimal} and written plain (no
 *       exponent), so money-like values keep their scale.
 * </ul>
 *
 * <p>This mapper serves only the web layer's own types (see {@link WebJsonHttpMessageConverter});
 * an application that embeds the engine keeps its own {@code ObjectMapper}.
 */
public final class WebJson {

  /** Camunda's documented date format: UTC, millisecond precision, always three fraction digits. */
  public static final DateTimeFormatter DATE_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private WebJson() {}

  public static ObjectMapper newObjectMapper() {
    SimpleModule module = new SimpleModule("civicflow-web");
    module.addSerializer(Instant.class, new InstantSerializer());
    module.setSerializerModifier(new KeysAsStrings());
    return JsonMapper.builder()
        .addModule(module)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();
  }

  /**
   * Engine time (epoch milliseconds) as an {@link Instant} for a response field; null stays null.
   */
  public static Instant instant(Long epochMilli) {
    return epochMilli == null ? null : Instant.ofEpochMilli(epochMilli);
  }

  /** Formats engine time (epoch milliseconds) the way Camunda does; {@code null} stays null. */
  public static String formatDate(Long epochMilli) {
    return epochMilli == null ? null : DATE_FORMAT.format(Instant.ofEpochMilli(epochMilli));
  }

  /** Writes an {@link Instant} as {@code 2023-03-29T20:08:07.171Z}. */
  static final class InstantSerializer extends StdSerializer<Instant> {

    InstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(DATE_FORMAT.format(value));
    }
  }

  /** Writes every integral {@code *Key} property as a JSON string. */
  static final class KeysAsStrings extends BeanSerializerModifier {

    @Override
    public List<BeanPropertyWriter> changeProperties(
        SerializationConfig config, BeanDescription description, List<BeanPropertyWriter> writers) {
      for (BeanPropertyWriter writer : writers) {
        Class<?> type = writer.getType().getRawClass();
        if (writer.getName().endsWith("Key") && (type == long.class || type == Long.class)) {
          writer.assignSerializer(ToStringSerializer.instance);
        }
      }
      return writers;
    }
  }
}
