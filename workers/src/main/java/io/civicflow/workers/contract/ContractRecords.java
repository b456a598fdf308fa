package io.civicflow.workers.contract;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The records of service contracts and their delivery: the contract itself (unit, provider, value,
 * state) and the operating reports the provider files.
 *
 * <p><b>Every call is idempotent:</b> contracts by contract number, reports by report id. Recording
 * an id that is already recorded returns the recorded one and records nothing new; a contract
 * number re-sent with another unit, provider or value throws {@link ConflictingContractException}.
 * Records are never deleted (DOMAIN.md §6: procurement records are kept at least 15 years).
 * Implementations must be safe for concurrent use; one that cannot reach its store throws, so the
 * job fails and is retried.
 */
public interface ContractRecords {

  /**
   * Records a signed contract, or returns the one already recorded under its number.
   *
   * @throws ConflictingContractException if the number is recorded for another contract
   */
  ContractEntry recordContract(ContractEntry contract);

  /**
   * Moves a recorded contract to a final state once; repeating the same move returns the contract
   * unchanged. Empty if the contract was never recorded (contracts from before the register).
   *
   * @throws ConflictingContractException if the contract already ended in another final state
   */
  Optional<ContractEntry> endContract(String contractNo, ContractState state, Instant at);

  /** The contract with this number, if recorded. */
  Optional<ContractEntry> contract(String contractNo);

  /** Records {@code report}, or returns the report already recorded under its id. */
  OperatingReport fileReport(OperatingReport report);

  /** The reports of one contract, in filing order; empty if none. */
  List<OperatingReport> reportsOf(String contractNo);

  /** Checks the move of {@code recorded} to {@code state}: null if nothing changes. */
  static ContractEntry ended(ContractEntry recorded, ContractState state, Instant at) {
    if (!state.isFinal()) {
      throw new IllegalArgumentException("Not a final state: " + state);
    }
    if (recorded.state() == state) {
      return null;
    }
    if (recorded.state().isFinal()) {
      throw new ConflictingContractException(
          "Contract "
              + recorded.contractNo()
              + " already ended "
              + recorded.state()
              + " at "
              + recorded.stateChangedAt()
              + "; refusing "
              + state);
    }
    return recorded.in(state, at);
  }

  /** Throws unless {@code sent} repeats {@code recorded}. */
  static void checkSame(ContractEntry recorded, ContractEntry sent) {
    if (!recorded.isSameContractAs(sent)) {
      throw new ConflictingContractException(
          "Contract "
              + recorded.contractNo()
              + " was recorded for unit "
              + recorded.unitCode()
              + ", provider "
              + recorded.providerOrgId()
              + ", "
              + recorded.contractValueFen()
              + " fen; refusing unit "
              + sent.unitCode()
              + ", provider "
              + sent.providerOrgId()
              + ", "
              + sent.contractValueFen()
              + " fen");
    }
  }
}
