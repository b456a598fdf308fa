package io.civicflow.workers.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

  private final Deadlines deadlines = new Deadlines(WorkingDayCalendar.fromClasspath());

  @Test
  void aLimitLapsesAt17OnTheNthWorkingDay() {
    ZonedDateTime friday = ProcessTime.parse("2016-08-19T15:00:00+08:00");

    assertThat(ProcessTime.format(deadlines.workingDaysAfter(friday, 1)))
        .isEqualTo("2016-08-22T17:00:00+08:00");
  }

  @Test
  void nationalDayIsSkippedAndItsMakeUpWeekendCounts() {
    ZonedDateTime beforeHoliday = ProcessTime.parse("2016-09-29T10:00:00+08:00");

    // 30 Sep, then 1–7 Oct off, Sat 8 and Sun 9 Oct are make-up working days, Mon 10, Tue 11
    assertThat(ProcessTime.format(deadlines.workingDaysAfter(beforeHoliday, 5)))
        .isEqualTo("2016-10-11T17:00:00+08:00");
  }

  @Test
  void workingDaysBeforeCountsBackwards() {
    assertThat(deadlines.workingDaysBefore(LocalDate.of(2016, 8, 31), 5))
        .isEqualTo(LocalDate.of(2016, 8, 24));
    assertThat(deadlines.workingDaysBefore(LocalDate.of(2016, 10, 10), 2))
        .isEqualTo(LocalDate.of(2016, 10, 8));
  }

  @Test
  void aNegativeCountIsRefused() {
    assertThatThrownBy(() -> deadlines.workingDaysBefore(LocalDate.of(2016, 8, 31), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
