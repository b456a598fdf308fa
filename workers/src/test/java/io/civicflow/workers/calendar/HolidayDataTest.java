package io.civicflow.workers.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the bundled {@code cn-holidays.json} itself, as an editor would leave it. */
class HolidayDataTest {

  private static JsonNode years;

  @BeforeAll
  static void readRawFile() throws IOException {
    try (InputStream json =
        HolidayDataTest.class.getResourceAsStream(WorkingDayCalendar.CLASSPATH_RESOURCE)) {
      years = new ObjectMapper().readTree(json);
    }
  }

  private static List<LocalDate> dates(JsonNode year, String field) {
    List<LocalDate> dates = new ArrayList<>();
    year.get(field).forEach(node -> dates.add(LocalDate.parse(node.asText())));
    return dates;
  }

  @Test
  void shouldHaveOneObjectPerYearFrom2016To2027() {
    List<Integer> listed = new ArrayList<>();
    years.forEach(year -> listed.add(year.get("year").asInt()));

    assertThat(listed)
        .containsExactlyElementsOf(IntStream.rangeClosed(2016, 2027).boxed().toList());
  }

  @Test
  void shouldKeepEveryDateListSortedAndUnique() {
    for (JsonNode year : years) {
      for (String field : List.of("holidays", "makeUpWorkdays")) {
        assertThat(dates(year, field))
            .as("%s %s", year.get("year"), field)
            .isSorted()
            .doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void shouldPutEveryMakeUpWorkdayOnAWeekend() {
    for (JsonNode year : years) {
      assertThat(dates(year, "makeUpWorkdays"))
          .as("%s makeUpWorkdays", year.get("year"))
          .allSatisfy(
              day -> assertThat(day.getDayOfWeek()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    }
  }

  @Test
  void shouldNameTheSourceOfEveryYear() {
    for (JsonNode year : years) {
      assertThat(year.path("source").asText()).as("%s source", year.get("year")).isNotBlank();
    }
  }

  @Test
  void shouldMarkOnlyTheUnpublishedYearProvisionalAndExplainWhy() {
    for (JsonNode year : years) {
      boolean provisional = year.path("provisional").asBoolean(false);
      assertThat(provisional)
          .as("%s provisional", year.get("year"))
          .isEqualTo(year.get("year").asInt() == 2027);
      if (provisional) {
        assertThat(year.path("note").asText()).isNotBlank();
      }
    }
  }

  @Test
  void shouldGiveOffTheFixedStatutoryDatesEveryYear() {
    WorkingDayCalendar calendar = WorkingDayCalendar.fromClasspath();
    for (int year = 2016; year <= 2027; year++) {
      List<LocalDate> fixed =
          new ArrayList<>(
              List.of(
                  LocalDate.of(year, 1, 1),
                  LocalDate.of(year, 5, 1),
                  LocalDate.of(year, 10, 1),
                  LocalDate.of(year, 10, 2),
                  LocalDate.of(year, 10, 3)));
      if (year >= 2025) {
        fixed.add(LocalDate.of(year, 5, 2)); // 全国年节及纪念日放假办法, 2024 revision
      }
      assertThat(fixed).as("%d", year).noneMatch(calendar::isWorkingDay);
    }
  }

  /**
   * Every notice moves days but keeps the number of days off: weekdays off minus weekend days
   * worked equals the statutory holidays (11 days a year, 13 from 2025). 2020 has 2 more because
   * the Spring Festival was extended to 02-02 (国务院办公厅关于延长2020年春节假期的通知).
   */
  @Test
  void shouldBalanceDaysOffAgainstTheStatutoryCount() {
    for (JsonNode year : years) {
      int y = year.get("year").asInt();
      if (year.path("provisional").asBoolean(false)) {
        continue;
      }
      long weekdaysOff =
          dates(year, "holidays").stream()
              .filter(day -> day.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue())
              .count();
      long statutory = y >= 2025 ? 13 : 11;
      long extraordinary = y == 2020 ? 2 : 0;

      assertThat(weekdaysOff - dates(year, "makeUpWorkdays").size())
          .as("%d: weekdays off minus make-up days", y)
          .isEqualTo(statutory + extraordinary);
    }
  }
}
