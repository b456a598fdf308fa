package io.civicflow.workers.casework;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded step of a case.
 *
 * @param stepId the idempotency key, {@code <caseNo>:<step>:<jobKey>}
 * @param level the graded level (HIGH, MEDIUM, LOW) at the time, may be null before grading
 * @param details what the worker wrote, in Chinese
 */
public record CaseStep(
    String stepId,
    String caseNo,
    CaseStepKind step,
    String level,
    String details,
    Instant recordedAt) {

  public CaseStep {
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(caseNo, "caseNo");
    Objects.requireNonNull(step, "step");
    details = details == null ? "" : details;
    Objects.requireNonNull(recordedAt, "recordedAt");
  }
}
