package io.civicflow.workers.contract;

/** Where a service contract stands. TERMINATED and COMPLETED are final. */
public enum ContractState {
  /** Signed and published; delivery runs. */
  SIGNED,
  /** Ended after a failed evaluation (Kunshan §5.2: 评估不合格的，终止合同). */
  TERMINATED,
  /** Both contract years delivered and paid in full. */
  COMPLETED;

  public boolean isFinal() {
    return this != SIGNED;
  }
}
