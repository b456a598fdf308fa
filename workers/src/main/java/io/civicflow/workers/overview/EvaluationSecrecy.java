package io.civicflow.workers.overview;

import java.util.Map;

/**
 * What of a unit's evaluation the contract page and the contract's audit trail show to a reader who
 * does not organise procurement (a district office, the contracted provider — a bidder of the
 * tender): neither the evaluation report (评审报告, with each seat's technical scores) nor the form
 * fields of a committee member's scoring task (their own score sheet). The members' names are
 * public once the award notice names them (政府采购法实施条例 Art 43) and the contract pages exist only
 * after the award, so the scoring tasks stay in the trail with who completed them; the individual
 * sheets never reach a bidder (87号令 Art 66: 评标过程保密). The bureau's readers, finance and audit
 * ({@code ApiAccess#mayReadRounds}) see everything.
 */
final class EvaluationSecrecy {

  /** The scoring task of one committee member (unit-procurement). */
  static final String SCORING_TASK = "Task_ExpertScoring";

  /** The {@code purpose} the evaluation report is stored under ({@code procurement.rank-bids}). */
  static final String REPORT_PURPOSE = "evaluation-report";

  private EvaluationSecrecy() {}

  /** Whether a user task's form fields are a member's own score sheet. */
  static boolean isScoreSheet(String elementId) {
    return SCORING_TASK.equals(elementId);
  }

  /** Whether a document reference (as the overview pages hold it) is the evaluation report. */
  static boolean isEvaluationReport(Map<String, Object> reference) {
    return String.valueOf(reference.get("documentId")).startsWith(REPORT_PURPOSE + "-")
        || (reference.get("metadata") instanceof Map<?, ?> metadata
            && metadata.get("customProperties") instanceof Map<?, ?> custom
            && REPORT_PURPOSE.equals(custom.get("purpose")));
  }
}
