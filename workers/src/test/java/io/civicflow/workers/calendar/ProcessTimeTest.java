package io.civicflow.workers.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessTimeTest {

  @Test
  void readsTheEngineNowWithAZoneSuffixOffsetOrInUtc() {
    String expected = "2016-08-01T09:30:00+08:00";

    assertThat(
            ProcessTime.format(ProcessTime.parse("2016-08-01T09:30:00.123+08:00[Asia/Shanghai]")))
        .isEqualTo(expected);
    assertThat(ProcessTime.format(ProcessTime.parse("2016-08-01T01:30:00Z"))).isEqualTo(expected);
    assertThat(ProcessTime.format(ProcessTime.parse("2016-08-01T03:30+02:00[Europe/Berlin]")))
        .isEqualTo(expected);
    assertThat(ProcessTime.format(ProcessTime.parse("2016-08-01T09:30:00"))).isEqualTo(expected);
  }

  @Test
  void aMissingOrMalformedNowIsRefused() {
    assertThatThrownBy(() -> ProcessTime.parse(null)).hasMessageContaining("=now()");
    assertThatThrownBy(() -> ProcessTime.parse("yesterday"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
