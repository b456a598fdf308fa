package io.civicflow.engine.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.engine.timer.TimerSchedule.Kind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TimerScheduleTest {

  private static final ZoneId ZONE = ZoneId.systemDefault();

  private static long at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant().toEpochMilli();
  }

  private static long utc(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void shouldReadDatesWithOffsetZoneOrNeither() {
    assertThat(TimerSchedule.parse(Kind.DATE, "2026-09-01T09:00:00Z").firstDueDate(0))
        .hasValue(utc("2026-09-01T09:00:00Z"));
    assertThat(TimerSchedule.parse(Kind.DATE, "2026-09-01T09:00:00+08:00").firstDueDate(0))
        .hasValue(utc("2026-09-01T01:00:00Z"));
    assertThat(
            TimerSchedule.parse(Kind.DATE, "2026-09-01T09:00:00+08:00[Asia/Shanghai]")
                .firstDueDate(0))
        .hasValue(utc("2026-09-01T01:00:00Z"));
    assertThat(TimerSchedule.parse(Kind.DATE, "2026-09-01T09:00:00").firstDueDate(0))
        .hasValue(at("2026-09-01T09:00:00"));
  }

  @Test
  void shouldAddCalendarAndClockPartsOfADuration() {
    long from = at("2026-01-15T12:00:00");
    assertThat(TimerSchedule.parse(Kind.DURATION, "P1M").firstDueDate(from))
        .hasValue(at("2026-02-15T12:00:00"));
    assertThat(TimerSchedule.parse(Kind.DURATION, "P1DT2H30M").firstDueDate(from))
        .hasValue(at("2026-01-16T14:30:00"));
    assertThat(TimerSchedule.parse(Kind.DURATION, "P2W").firstDueDate(from))
        .hasValue(at("2026-01-29T12:00:00"));
    assertThatThrownBy(() -> TimerSchedule.parse(Kind.DURATION, "PT0S"))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> TimerSchedule.parse(Kind.DURATION, "one hour"))
        .hasMessageContaining("ISO 8601");
  }

  @Test
  void shouldRepeatACycleFromItsPreviousDueDate() {
    TimerSchedule cycle = TimerSchedule.parse(Kind.CYCLE, "R5/PT1H");
    assertThat(cycle.repetitions()).isEqualTo(5);
    long first = cycle.firstDueDate(at("2026-01-15T12:00:00")).getAsLong();
    assertThat(first).isEqualTo(at("2026-01-15T13:00:00"));
    assertThat(cycle.nextDueDate(first)).hasValue(at("2026-01-15T14:00:00"));
    assertThat(TimerSchedule.parse(Kind.CYCLE, "R/P2M").repetitions())
        .isEqualTo(TimerSchedule.INFINITE);
  }

  @Test
  void shouldStartACycleWithAStartTimeAtTheNextInstantOfItsSeries() {
    TimerSchedule cycle = TimerSchedule.parse(Kind.CYCLE, "R/2016-09-01T00:00:00Z/P2M");
    ZonedDateTime start = Instant.parse("2016-09-01T00:00:00Z").atZone(ZONE);
    long now = start.plusMonths(115).plusDays(3).toInstant().toEpochMilli();

    long first = cycle.firstDueDate(now).getAsLong();

    assertThat(first).isEqualTo(start.plusMonths(116).toInstant().toEpochMilli());
    long future = start.minusDays(1).toInstant().toEpochMilli();
    assertThat(cycle.firstDueDate(future)).hasValue(utc("2016-09-01T00:00:00Z"));
  }

  @Test
  void shouldFollowSpringCronFieldsAndMacros() {
    TimerSchedule weekdays = TimerSchedule.parse(Kind.CYCLE, "0 0 9-17 * * MON-FRI");
    // 2026-01-16 is a Friday
    assertThat(weekdays.firstDueDate(at("2026-01-16T17:30:00")))
        .hasValue(at("2026-01-19T09:00:00"));
    assertThat(weekdays.nextDueDate(at("2026-01-19T09:00:00"))).hasValue(at("2026-01-19T10:00:00"));
    assertThat(
            TimerSchedule.parse(Kind.CYCLE, "0 */15 * * * ?")
                .firstDueDate(at("2026-01-16T10:07:00")))
        .hasValue(at("2026-01-16T10:15:00"));
    assertThat(
            TimerSchedule.parse(Kind.CYCLE, "0 0 0 1 JAN,JUL *")
                .firstDueDate(at("2026-02-01T00:00:00")))
        .hasValue(at("2026-07-01T00:00:00"));
    assertThat(TimerSchedule.parse(Kind.CYCLE, "@daily").firstDueDate(at("2026-01-16T10:07:00")))
        .hasValue(at("2026-01-17T00:00:00"));
    assertThatThrownBy(() -> TimerSchedule.parse(Kind.CYCLE, "0 0 0 L * *"))
        .hasMessageContaining("not supported");
    assertThatThrownBy(() -> TimerSchedule.parse(Kind.CYCLE, "0 61 * * * *"))
        .hasMessageContaining("minute");
  }
}
