package io.civicflow.workers.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code cn-holidays.json}: a JSON array with one object per year. Unknown fields are
 * rejected so that a misspelt field name is reported instead of silently ignored; the meaning of
 * the data is checked by {@link WorkingDayCalendar#of}.
 */
final class HolidayDataReader {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The shape of one year object in the file. */
  private record YearJson(
      Integer year,
      String source,
      Boolean provisional,
      String note,
      List<String> urls,
      List<String> holidays,
      List<String> makeUpWorkdays) {}

  private HolidayDataReader() {}

  static List<HolidayYear> read(InputStream json) {
    YearJson[] years;
    try {
      years = MAPPER.readValue(json, YearJson[].class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Holiday data is not valid: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read holiday data", e);
    }
    if (years == null) {
      throw new IllegalArgumentException("Holiday data is empty");
    }
    return Arrays.stream(years).map(HolidayDataReader::toHolidayYear).toList();
  }

  private static HolidayYear toHolidayYear(YearJson json) {
    if (json.year() == null) {
      throw new IllegalArgumentException("Holiday data: a year object has no \"year\"");
    }
    int year = json.year();
    if (json.source() == null || json.source().isBlank()) {
      throw new IllegalArgumentException("Holiday data " + year + ": \"source\" is missing");
    }
    return new HolidayYear(
        year,
        json.source(),
        Boolean.TRUE.equals(json.provisional()),
        json.note() == null ? "" : json.note(),
        dates(year, "holidays", json.holidays()),
        dates(year, "makeUpWorkdays", json.makeUpWorkdays()));
  }

  private static Set<LocalDate> dates(int year, String field, List<String> texts) {
    if (texts == null) {
      throw new IllegalArgumentException("Holiday data " + year + ": \"" + field + "\" is missing");
    }
    Set<LocalDate> dates = new LinkedHashSet<>();
    for (String text : texts) {
      LocalDate date = parse(year, field, text);
      if (!dates.add(date)) {
        throw new IllegalArgumentException(
            "Holiday data " + year + ": " + field + " lists " + date + " twice");
      }
    }
    return dates;
  }

  private static LocalDate parse(int year, String field, String text) {
    String problem =
        "Holiday data " + year + ": " + field + " has '" + text + "', expected yyyy-MM-dd";
    if (text == null) {
      throw new IllegalArgumentException(problem);
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(problem, e);
    }
  }
}
