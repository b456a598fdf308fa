package io.civicflow.workers.procurement;

import java.util.List;

/**
 * The units and calendar of a round. Dates are ISO-8601 strings with offset (Shanghai time).
 *
 * @param trancheBasisPoints the tranche split in basis points, e.g. {@code [3000, 4000, 3000]}
 * @param contractStartDate the first day of contract year 1, {@code yyyy-MM-dd}
 * @param signDeadline the instant signing lapses: 00:00 of the day after the last signing day
 * @param signReminderDate 09:00 on the fifth working day before the last signing day
 */
public record RoundPlan(
    List<RoundUnit> units,
    List<Integer> trancheBasisPoints,
    String contractStartDate,
    int contractYears,
    String needsSurveyDeadline,
    String needsBookDeadline,
    String signDeadline,
    String signReminderDate) {}
