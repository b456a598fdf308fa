package io.civicflow.workers.procurement;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.contract.ContractNumbers;
import io.civicflow.workers.payment.TrancheSchedule;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plans a procurement round (DOMAIN.md §1 steps 1–3, Kunshan 2016: needs book in July, tender in
 * August, contracts signed before 31 August, two contract years from September):
 *
 * <ul>
 *   <li>the units, each with its project number (the correlation key {@code projectNo}, DOMAIN.md
 *       §6); no unit list means the 15 Kunshan units;
 *   <li>the needs survey within 10 and the needs book within 20 working days (财库〔2021〕22号 makes the
 *       survey mandatory; the periods are ours, an official expects them);
 *   <li>signing "by the last day" lapses at 00:00 of the next day (or at the instant the bureau
 *       gives); a reminder at 09:00 five working days before the last day;
 *   <li>the tranche split, checked to add up to 100 % ({@link TrancheSchedule}).
 * </ul>
 */
public final class RoundPlanning {

  static final int NEEDS_SURVEY_WORKING_DAYS = 10;
  static final int NEEDS_BOOK_WORKING_DAYS = 20;
  static final int SIGN_REMINDER_WORKING_DAYS = 5;

  private final Deadlines deadlines;

  public RoundPlanning(Deadlines deadlines) {
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
  }

  public RoundPlan plan(RoundTerms terms, ZonedDateTime now) {
    Objects.requireNonNull(terms.contractStartDate(), "contractStartDate");
    Objects.requireNonNull(terms.signLapsesAt(), "signDeadline");
    if (!terms.signLastDay().isBefore(terms.contractStartDate())) {
      throw new IllegalArgumentException(
          "Contracts must be signed before they start: last signing day "
              + terms.signLastDay()
              + ", start "
              + terms.contractStartDate());
    }
    return new RoundPlan(
        units(terms),
        trancheBasisPoints(terms.trancheSplit()),
        terms.contractStartDate().toString(),
        ContractNumbers.CONTRACT_YEARS,
        ProcessTime.format(deadlines.workingDaysAfter(now, NEEDS_SURVEY_WORKING_DAYS)),
        ProcessTime.format(deadlines.workingDaysAfter(now, NEEDS_BOOK_WORKING_DAYS)),
        ProcessTime.format(terms.signLapsesAt()),
        ProcessTime.format(
            ProcessTime.at(
                deadlines.workingDaysBefore(terms.signLastDay(), SIGN_REMINDER_WORKING_DAYS),
                ProcessTime.START_OF_WORKING_DAY)));
  }

  private static List<RoundUnit> units(RoundTerms terms) {
    List<ProcurementUnit> chosen =
        terms.unitCodes().isEmpty()
            ? KunshanUnits.all()
            : terms.unitCodes().stream()
                .map(
                    code ->
                        KunshanUnits.byCode(code)
                            .orElseThrow(
                                () -> new IllegalArgumentException("Unknown unit code " + code)))
                .distinct()
                .toList();
    return chosen.stream()
        .map(unit -> RoundUnit.of(unit, terms.cityCode(), terms.roundYear()))
        .toList();
  }

  /**
   * When signing lapses, from the start form's {@code signDeadline}: a date ({@code 2016-08-31}) is
   * the last day, so signing lapses at 00:00 of the next day; a date-time is the instant itself.
   */
  public static ZonedDateTime signLapsesAt(String signDeadline) {
    if (signDeadline != null && signDeadline.length() == 10) {
      return ProcessTime.startOf(LocalDate.parse(signDeadline).plusDays(1));
    }
    return ProcessTime.parse(signDeadline);
  }

  /** A date from a date field, also when the form sends a date-time: its day in Shanghai. */
  public static LocalDate date(String text) {
    if (text != null && text.length() == 10) {
      return LocalDate.parse(text);
    }
    return ProcessTime.parse(text).toLocalDate();
  }

  /**
   * Reads a split like {@code 30/40/30} (percent, in payment order) as basis points.
   *
   * @throws IllegalArgumentException if it is not whole percentages adding up to 100
   */
  static List<Integer> trancheBasisPoints(String split) {
    if (split == null || split.isBlank()) {
      throw new IllegalArgumentException("The round has no tranche split, e.g. 30/40/30");
    }
    List<Integer> points = new ArrayList<>();
    for (String part : split.split("/")) {
      try {
        points.add(Math.multiplyExact(Integer.parseInt(part.strip()), 100));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Not a tranche split like 30/40/30: '" + split + "'", e);
      }
    }
    return new TrancheSchedule(1, points).basisPoints();
  }
}
