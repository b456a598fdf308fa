package io.civicflow.workers.contract;

import io.civicflow.workers.documents.DocumentFile;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A signed service contract of one procurement unit (DOMAIN.md §1: one contract per unit).
 *
 * @param contractNo the business key, e.g. {@code KS-2016-ZP-Y1}
 * @param projectNo the unit's procurement project
 * @param unitCode e.g. {@code ZP}
 * @param district the unit's street, town or zone as officials name it, e.g. 张浦镇
 * @param roundYear the procurement round's year
 * @param providerOrgId the contracted provider
 * @param providerName its name
 * @param contractValueFen the value of one contract year in fen
 * @param signedAt when it was published after signing, from the job's {@code now}
 * @param state where the contract stands
 * @param stateChangedAt when it reached {@code state}
 * @param signedContractFiles the signed contract's scan (and its annexes) as attached at signing,
 *     each read back from the document store with its content hash before it was recorded
 */
public record ContractEntry(
    String contractNo,
    String projectNo,
    String unitCode,
    String district,
    int roundYear,
    String providerOrgId,
    String providerName,
    long contractValueFen,
    Instant signedAt,
    ContractState state,
    Instant stateChangedAt,
    List<DocumentFile> signedContractFiles) {

  public ContractEntry {
    Objects.requireNonNull(contractNo, "contractNo");
    Objects.requireNonNull(signedAt, "signedAt");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(stateChangedAt, "stateChangedAt");
    projectNo = projectNo == null ? "" : projectNo;
    unitCode = unitCode == null ? "" : unitCode;
    district = district == null ? "" : district;
    providerOrgId = providerOrgId == null ? "" : providerOrgId;
    providerName = providerName == null ? "" : providerName;
    signedContractFiles =
        signedContractFiles == null ? List.of() : List.copyOf(signedContractFiles);
  }

  /** A contract just signed. */
  public static ContractEntry signed(
      String contractNo,
      String projectNo,
      String unitCode,
      String district,
      int roundYear,
      String providerOrgId,
      String providerName,
      long contractValueFen,
      Instant signedAt) {
    return new ContractEntry(
        contractNo,
        projectNo,
        unitCode,
        district,
        roundYear,
        providerOrgId,
        providerName,
        contractValueFen,
        signedAt,
        ContractState.SIGNED,
        signedAt,
        List.of());
  }

  /** This contract in {@code state} from {@code at}. */
  public ContractEntry in(ContractState state, Instant at) {
    return new ContractEntry(
        contractNo,
        projectNo,
        unitCode,
        district,
        roundYear,
        providerOrgId,
        providerName,
        contractValueFen,
        signedAt,
        state,
        at,
        signedContractFiles);
  }

  /** This contract with {@code files} as its signed contract's scan. */
  public ContractEntry withSignedContractFiles(List<DocumentFile> files) {
    return new ContractEntry(
        contractNo,
        projectNo,
        unitCode,
        district,
        roundYear,
        providerOrgId,
        providerName,
        contractValueFen,
        signedAt,
        state,
        stateChangedAt,
        files);
  }

  /** Whether {@code other} describes the same contract: same number, unit, provider and value. */
  public boolean isSameContractAs(ContractEntry other) {
    return contractNo.equals(other.contractNo)
        && projectNo.equals(other.projectNo)
        && unitCode.equals(other.unitCode)
        && providerOrgId.equals(other.providerOrgId)
        && contractValueFen == other.contractValueFen;
  }
}
