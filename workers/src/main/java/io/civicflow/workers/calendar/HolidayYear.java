package io.civicflow.workers.calendar;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * One year of the holiday calendar, as transcribed from one State Council notice.
 *
 * <p>{@code holidays} are the days off announced by the notice (法定节假日 and 调休放假 days, including
 * weekend days inside a holiday block). {@code makeUpWorkdays} are weekend days that the notice
 * turns into working days (调休上班). A notice may list dates of the previous December (e.g. the 2017
 * notice gives 2016-12-31 off for New Year), so dates are not required to fall in {@code year}.
 *
 * @param year the calendar year this object covers
 * @param source the notice the dates are taken from
 * @param provisional true when the year's schedule is not yet published and only certain dates are
 *     listed; results computed in such a year may still change
 * @param note free text for the people who maintain the data, may be empty
 * @param holidays the days off
 * @param makeUpWorkdays the weekend days that are working days
 */
public record HolidayYear(
    int year,
    String source,
    boolean provisional,
    String note,
    Set<LocalDate> holidays,
    Set<LocalDate> makeUpWorkdays) {

  public HolidayYear {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(note, "note");
    holidays = Set.copyOf(holidays);
    makeUpWorkdays = Set.copyOf(makeUpWorkdays);
  }
}
