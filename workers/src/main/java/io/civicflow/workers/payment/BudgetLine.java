package io.civicflow.workers.payment;

/** The budget lines of a procurement round that commitments are checked against (DOMAIN.md §1). */
public enum BudgetLine {
  /** The annual service funds of one procurement unit (Kunshan §5.1: 每年每个辖区). */
  UNIT_SERVICES("采购单元年度服务经费"),
  /** The annual pool for evaluation, supervision and audit across all units (Kunshan §5.1). */
  EVALUATION_POOL("评估、督导和审计经费");

  private final String label;

  BudgetLine(String label) {
    this.label = label;
  }

  /** The name an official reads. */
  public String label() {
    return label;
  }
}
