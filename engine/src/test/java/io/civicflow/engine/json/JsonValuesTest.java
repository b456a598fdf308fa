package io.civicflow.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the journal can store is exactly what it writes and reads back unchanged: every value {@link
 * JsonValues} accepts round-trips through the journal's JSON, and what it refuses is what the
 * journal would fail to write or read.
 */
class JsonValuesTest {

  /** How the APIs read request JSON: decimals stay exact. */
  private static final ObjectMapper REQUESTS =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private static Object parse(String json) throws Exception {
    return REQUESTS.readValue(json, Object.class);
  }

  /** Written by the journal's mapper and read back by it, inside a record as events are. */
  private static boolean roundTrips(Object value) {
    try {
      String text = Json.write(value);
      byte[] record =
          Json.MAPPER.writeValueAsBytes(Map.of("events", List.of(Map.of("value", text))));
      Json.MAPPER.readTree(record);
      Json.read(text);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void numbersLongerThanAThousandCharactersWrittenOutAreRefused() throws Exception {
    for (String number : List.of("1e100000", "1e10000", "1e1000", "0e100000")) {
      Object value = parse(number);
      assertThat(JsonValues.problem("x", value)).as(number).contains("characters long");
      assertThat(roundTrips(value)).as(number + " does not round-trip either").isFalse();
    }
    // counted with sign and decimal point, so a little stricter than the reader needs
    for (String number : List.of("-1e999", "1e-1000")) {
      assertThat(JsonValues.problem("x", parse(number))).as(number).contains("characters long");
    }
    for (String number :
        List.of("1e999", "1e-997", "12.50", "-0.001", "123456789012345678901234567890")) {
      Object value = parse(number);
      assertThat(JsonValues.problem("x", value)).as(number).isNull();
      assertThat(roundTrips(value)).as(number).isTrue();
    }
    assertThat(JsonValues.problem("x", new BigInteger("9".repeat(1000)))).isNull();
    assertThat(JsonValues.problem("x", new BigInteger("9".repeat(1001)))).contains("1001");
  }

  @Test
  void plainLengthIsTheLengthOfThePlainString() {
    for (String number :
        List.of("1e5", "1.5", "-1.5", "0.001", "-0.001", "123.456", "1e-3", "-12e3", "0", "0.0")) {
      BigDecimal decimal = new BigDecimal(number);
      assertThat(JsonValues.plainLength(decimal))
          .as(number)
          .isEqualTo(decimal.toPlainString().length());
    }
  }

  @Test
  void nanAndInfinityAreRefused() {
    assertThat(JsonValues.problem("x", Double.NaN)).contains("not a JSON number");
    assertThat(JsonValues.problem("x", Double.POSITIVE_INFINITY)).contains("not a JSON number");
    assertThat(JsonValues.problem("x", Float.NEGATIVE_INFINITY)).contains("not a JSON number");
    assertThat(JsonValues.problem("x", 1.5d)).isNull();
  }

  @Test
  void nestingDeeperThanTheLimitIsRefused() {
    Object deep = List.of();
    for (int i = 1; i < JsonValues.MAX_DEPTH; i++) {
      deep = List.of(deep);
    }
    assertThat(JsonValues.problem("x", deep)).isNull();
    assertThat(JsonValues.problem("x", List.of(deep))).contains("nested deeper than 500");
    assertThat(JsonValues.documentProblem(Map.of("v", deep))).contains("variable 'v'");
  }

  @Test
  void loneSurrogatesAreRefusedAndPairsKept() {
    assertThat(JsonValues.problem("x", "a\ud83d\ude00b")).isNull();
    assertThat(JsonValues.problem("x", "a\ud83d")).contains("lone surrogate").contains("d83d");
    assertThat(JsonValues.problem("x", "\ude00a")).contains("lone surrogate");
    assertThat(JsonValues.problem("x", Map.of("k\ud800", 1))).contains("key").contains("d800");
    assertThat(JsonValues.documentProblem(Map.of("\udc00", 1))).contains("variable name");
  }

  @Test
  void onlyJsonValuesAreStorable() {
    assertThat(JsonValues.problem("x", new Object())).contains("not a JSON value");
    assertThat(JsonValues.problem("x", Map.of(1, "a"))).contains("not a string");
    assertThat(JsonValues.problem("x", Map.of("k".repeat(50_001), 1))).contains("longer than");
    assertThat(JsonValues.problem("x", Map.of("a", List.of(1, "b", true, 2.5)))).isNull();
  }

  @Test
  void theStoredSizeIsCountedOnlyUpToTheLimit() {
    List<Object> numbers = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      numbers.add(new BigDecimal("1e999"));
    }
    assertThat(JsonValues.storedSize(Map.of("n", numbers), 4L * 1024 * 1024))
        .isGreaterThan(4L * 1024 * 1024)
        .isLessThan(4L * 1024 * 1024 + 64 * 1024);
    assertThat(JsonValues.storedSize(Map.of("a", "bc"), 100)).isEqualTo("{\"a\":\"bc\"}".length());
  }
}
