package io.civicflow.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryRetentionTest {

  private static final long END = Instant.parse("2026-08-31T16:00:00Z").toEpochMilli();

  @Test
  void shouldKeepProcurementFifteenYearsByDefaultAndAProcessItsOwnTime() {
    HistoryRetention retention =
        new HistoryRetention(null, Map.of("straight-through", "P30D", "probe", "PT1H"));

    assertThat(Instant.ofEpochMilli(retention.expiresAt("procurement-round", END)))
        .isEqualTo(Instant.parse("2041-08-31T16:00:00Z"));
    assertThat(Instant.ofEpochMilli(retention.expiresAt(null, END)))
        .isEqualTo(Instant.parse("2041-08-31T16:00:00Z"));
    assertThat(Instant.ofEpochMilli(retention.expiresAt("straight-through", END)))
        .isEqualTo(Instant.parse("2026-09-30T16:00:00Z"));
    assertThat(Instant.ofEpochMilli(retention.expiresAt("probe", END)))
        .isEqualTo(Instant.parse("2026-08-31T17:00:00Z"));
  }

  @Test
  void shouldRefuseAValueThatIsNoPeriodNamingItsProperty() {
    assertThatThrownBy(() -> new HistoryRetention("15 years", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("civicflow.engine.history.time-to-live ")
        .hasMessageContaining("'15 years'");
    assertThatThrownBy(() -> new HistoryRetention("P15Y", Map.of("demo", "P-1D")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("civicflow.engine.history.time-to-live-by-process.demo")
        .hasMessageContaining("'P-1D'");
  }

  @Test
  void shouldKeepForeverWhatWouldExpireBeyondTheCalendar() {
    HistoryRetention retention = new HistoryRetention("P999999999Y", Map.of());

    assertThat(retention.expiresAt("procurement-round", END)).isEqualTo(Long.MAX_VALUE);
  }
}
