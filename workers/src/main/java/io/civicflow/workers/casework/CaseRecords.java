package io.civicflow.workers.casework;

import java.util.List;
import java.util.Optional;

/**
 * The case records of the station (全过程留痕).
 *
 * <p><b>Every call is idempotent by key</b> (caseNo for a case file, stepId for a step): jobs are
 * delivered at least once, so storing a key again returns what is stored and stores nothing new.
 * Nothing is ever deleted. Implementations must be safe for concurrent use.
 */
public interface CaseRecords {

  /** Stores {@code file}, or returns the file already stored under its caseNo. */
  CaseFile open(CaseFile file);

  /** The case file, if opened. */
  Optional<CaseFile> find(String caseNo);

  /** Stores {@code step}, or returns the step already stored under its id. */
  CaseStep record(CaseStep step);

  /** The steps of one case, oldest first. */
  List<CaseStep> stepsOf(String caseNo);
}
