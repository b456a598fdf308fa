package io.civicflow.workers.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the calendar treats data that an editor got wrong. */
class WorkingDayCalendarDataValidationTest {

  private static HolidayYear year(int year, Set<LocalDate> holidays, Set<LocalDate> makeUp) {
    return new HolidayYear(year, "test notice", false, "", holidays, makeUp);
  }

  private static InputStream json(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldRejectAMakeUpWorkdayOnAWeekday() {
    HolidayYear data = year(2016, Set.of(), Set.of(LocalDate.parse("2016-10-10")));

    assertThatThrownBy(() -> WorkingDayCalendar.of(List.of(data)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2016-10-10")
        .hasMessageContaining("MONDAY");
  }

  @Test
  void shouldRejectADateThatIsBothHolidayAndMakeUpWorkday() {
    LocalDate saturday = LocalDate.parse("2016-10-08");
    HolidayYear data = year(2016, Set.of(saturday), Set.of(saturday));

    assertThatThrownBy(() -> WorkingDayCalendar.of(List.of(data)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2016-10-08");
  }

  @Test
  void shouldRejectTheSameYearTwice() {
    HolidayYear data = year(2016, Set.of(), Set.of());

    assertThatThrownBy(() -> WorkingDayCalendar.of(List.of(data, data)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2016 twice");
  }

  @Test
  void shouldRejectADateOutsideItsYear() {
    HolidayYear data = year(2017, Set.of(LocalDate.parse("2018-01-01")), Set.of());

    assertThatThrownBy(() -> WorkingDayCalendar.of(List.of(data)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside");
  }

  @Test
  void shouldAcceptTheDecemberBeforeAYear() {
    HolidayYear data = year(2017, Set.of(LocalDate.parse("2016-12-31")), Set.of());

    assertThat(WorkingDayCalendar.of(List.of(data)).coveredYears()).containsExactly(2017);
  }

  @Test
  void shouldRejectAMalformedDate() {
    String text =
        "[{\"year\":2016,\"source\":\"s\",\"holidays\":[\"2016-13-01\"],\"makeUpWorkdays\":[]}]";

    assertThatThrownBy(() -> WorkingDayCalendar.fromJson(json(text)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2016-13-01");
  }

  @Test
  void shouldRejectAMisspeltField() {
    String text = "[{\"year\":2016,\"source\":\"s\",\"holiday\":[],\"makeUpWorkdays\":[]}]";

    assertThatThrownBy(() -> WorkingDayCalendar.fromJson(json(text)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holiday");
  }

  @Test
  void shouldRejectAYearWithoutSource() {
    String text = "[{\"year\":2016,\"holidays\":[],\"makeUpWorkdays\":[]}]";

    assertThatThrownBy(() -> WorkingDayCalendar.fromJson(json(text)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source");
  }

  @Test
  void shouldReadAMinimalYear() {
    String text =
        "[{\"year\":2030,\"source\":\"s\",\"provisional\":true,\"note\":\"n\","
            + "\"holidays\":[\"2030-01-01\"],\"makeUpWorkdays\":[]}]";

    WorkingDayCalendar calendar = WorkingDayCalendar.fromJson(json(text));

    assertThat(calendar.isWorkingDay(LocalDate.parse("2030-01-01"))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2030-01-02"))).isTrue();
    assertThat(calendar.isProvisional(2030)).isTrue();
  }
}
