package io.civicflow.workers.contract;

import java.util.List;

/**
 * The records of a contract's delivery: the operating reports the provider files.
 *
 * <p><b>Every call is idempotent by report id:</b> filing an id that is already recorded returns
 * the recorded report and records nothing new. Records are never deleted (DOMAIN.md §6: procurement
 * records are kept at least 15 years). Implementations must be safe for concurrent use.
 */
public interface ContractRecords {

  /** Records {@code report}, or returns the report already recorded under its id. */
  OperatingReport fileReport(OperatingReport report);

  /** The reports of one contract, in filing order; empty if none. */
  List<OperatingReport> reportsOf(String contractNo);
}
