package io.civicflow.workers.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One evaluation of a contract (DOMAIN.md §1 steps 5–8), an element of {@code milestones}.
 *
 * @param year the contract year, 1 or 2
 * @param kind {@code MIDTERM}, {@code ANNUAL} (year 1 of 2: renewal) or {@code FINAL}
 * @param tranche the tranche of {@code year} a pass releases
 * @param evaluationDate when the evaluation starts, ISO-8601 with offset
 * @param renewalDeadline ANNUAL only: when the next year's contract must be signed, the start of
 *     the next contract year
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Milestone(
    int year, String kind, int tranche, String evaluationDate, String renewalDeadline) {}
