package io.civicflow.workers.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WorkingDayCalendarTest {

  private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.fromClasspath();

  private static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void shouldTreatNationalDayWeek2016AsDaysOff() {
    for (LocalDate day = date("2016-10-01");
        !day.isAfter(date("2016-10-07"));
        day = day.plusDays(1)) {
      assertThat(CALENDAR.isWorkingDay(day)).as(day.toString()).isFalse();
    }
  }

  @Test
  void shouldTreatMakeUpWeekendAsWorkingDays() {
    assertThat(CALENDAR.isWorkingDay(date("2016-10-08"))).as("Saturday 调休上班").isTrue();
    assertThat(CALENDAR.isWorkingDay(date("2016-10-09"))).as("Sunday 调休上班").isTrue();
  }

  @Test
  void shouldTreatOrdinaryWeekdaysAsWorkingAndOrdinaryWeekendsAsNot() {
    assertThat(CALENDAR.isWorkingDay(date("2016-08-03"))).as("Wednesday").isTrue();
    assertThat(CALENDAR.isWorkingDay(date("2016-08-06"))).as("Saturday").isFalse();
    assertThat(CALENDAR.isWorkingDay(date("2016-08-07"))).as("Sunday").isFalse();
  }

  @Test
  void shouldCountFiveWorkingDaysAcrossAWeekend() {
    // Monday 2016-08-01: Tue..Fri are 4 working days, the 5th is Monday 2016-08-08.
    assertThat(CALENDAR.addWorkingDays(date("2016-08-01"), 5)).isEqualTo(date("2016-08-08"));
  }

  @Test
  void shouldLandOnMakeUpDayAfterNationalDay() {
    assertThat(CALENDAR.addWorkingDays(date("2016-09-30"), 1)).isEqualTo(date("2016-10-08"));
    assertThat(CALENDAR.addWorkingDays(date("2016-09-30"), 3)).isEqualTo(date("2016-10-10"));
  }

  @Test
  void shouldSkipSpringFestivalAndCountItsMakeUpDays() {
    // 2016: 02-06 (Sat) working, 02-07..02-13 off, 02-14 (Sun) working.
    assertThat(CALENDAR.addWorkingDays(date("2016-02-05"), 1)).isEqualTo(date("2016-02-06"));
    assertThat(CALENDAR.addWorkingDays(date("2016-02-05"), 2)).isEqualTo(date("2016-02-14"));
    assertThat(CALENDAR.addWorkingDays(date("2016-02-05"), 3)).isEqualTo(date("2016-02-15"));
  }

  @Test
  void shouldCountAcrossTheTurnOfTheYear() {
    // 2016-12-31 .. 2017-01-02 off by the 2017 notice.
    assertThat(CALENDAR.addWorkingDays(date("2016-12-30"), 1)).isEqualTo(date("2017-01-03"));
    assertThat(CALENDAR.workingDaysBetween(date("2016-12-30"), date("2017-01-03"))).isEqualTo(1);
  }

  @Test
  void shouldApplyLaterAdjustingNotices() {
    // 2019 Labour Day extended to 05-01..05-04 with 04-28 and 05-05 (Sundays) working.
    assertThat(CALENDAR.isWorkingDay(date("2019-05-02"))).isFalse();
    assertThat(CALENDAR.isWorkingDay(date("2019-05-05"))).isTrue();
    // 2020 Spring Festival extended to 02-02; the make-up Saturday 02-01 became a day off.
    assertThat(CALENDAR.isWorkingDay(date("2020-01-31"))).isFalse();
    assertThat(CALENDAR.isWorkingDay(date("2020-02-01"))).isFalse();
    assertThat(CALENDAR.isWorkingDay(date("2020-02-03"))).isTrue();
  }

  @Test
  void shouldCountTheObjectionWindowOfTheKunshanRound() {
    // Award notice period of 1 working day from 2016-08-01, then 7 working days for objections.
    LocalDate noticePeriodEnds = CALENDAR.addWorkingDays(date("2016-08-01"), 1);
    LocalDate objectionsClose = CALENDAR.addWorkingDays(noticePeriodEnds, 7);

    assertThat(noticePeriodEnds).isEqualTo(date("2016-08-02"));
    assertThat(objectionsClose).isEqualTo(date("2016-08-11"));
  }

  @Test
  void shouldReturnStartForZeroWorkingDaysEvenOnAHoliday() {
    assertThat(CALENDAR.addWorkingDays(date("2016-10-03"), 0)).isEqualTo(date("2016-10-03"));
  }

  @Test
  void shouldRejectNegativeWorkingDays() {
    assertThatThrownBy(() -> CALENDAR.addWorkingDays(date("2016-08-01"), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void shouldCountWorkingDaysInHalfOpenRange() {
    assertThat(CALENDAR.workingDaysBetween(date("2016-09-30"), date("2016-10-09"))).isEqualTo(2);
    assertThat(CALENDAR.workingDaysBetween(date("2016-08-01"), date("2016-08-01"))).isZero();
    assertThat(CALENDAR.workingDaysBetween(date("2016-08-01"), date("2016-08-08"))).isEqualTo(5);
  }

  @Test
  void shouldRejectReversedRange() {
    assertThatThrownBy(() -> CALENDAR.workingDaysBetween(date("2016-08-08"), date("2016-08-01")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldMakeAddingAndCountingInverseOfEachOther() {
    for (LocalDate start = date("2016-01-01");
        start.isBefore(date("2026-12-01"));
        start = start.plusDays(13)) {
      for (int n = 0; n <= 25; n++) {
        LocalDate end = CALENDAR.addWorkingDays(start, n);
        assertThat(CALENDAR.workingDaysBetween(start, end)).as("%s + %d", start, n).isEqualTo(n);
        if (n > 0) {
          assertThat(CALENDAR.isWorkingDay(end)).as("%s + %d", start, n).isTrue();
        }
      }
    }
  }

  @Test
  void shouldRefuseADayInAYearWithoutData() {
    assertThatThrownBy(() -> CALENDAR.isWorkingDay(date("2015-12-31")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No holiday data for 2015")
        .hasMessageContaining("2016–2027")
        .hasMessageContaining("cn-holidays.json");
  }

  @Test
  void shouldRefuseToCountIntoAYearWithoutData() {
    assertThatThrownBy(() -> CALENDAR.addWorkingDays(date("2027-12-20"), 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No holiday data for 2028");
    assertThatThrownBy(() -> CALENDAR.workingDaysBetween(date("2015-12-30"), date("2016-01-05")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No holiday data for 2015");
  }

  @Test
  void shouldCountInTheProvisionalYearWithTheFixedHolidaysItHas() {
    assertThat(CALENDAR.isProvisional(2027)).isTrue();
    assertThat(CALENDAR.isProvisional(2026)).isFalse();
    assertThat(CALENDAR.isWorkingDay(date("2027-10-01"))).isFalse();
    assertThat(CALENDAR.addWorkingDays(date("2027-04-29"), 1)).isEqualTo(date("2027-04-30"));
  }

  @Test
  void shouldReportCoveredYears() {
    assertThat(CALENDAR.coveredYears())
        .containsExactly(2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027);
  }
}
