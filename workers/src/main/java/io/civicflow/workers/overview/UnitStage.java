package io.civicflow.workers.overview;

/** Where a procurement unit stands, in the order a round moves through them. */
public enum UnitStage {
  NOT_STARTED("未开始"),
  NEEDS_BOOK("需求调查与需求书"),
  PREPARING("编制采购文件"),
  TENDERING("招标中"),
  EVALUATING("评审中"),
  AWARDED("已成交（公示与质疑期）"),
  SIGNING("待签约"),
  IN_SERVICE("履约中"),
  TERMINATED("合同已终止"),
  REPROCURED("终止后重新采购"),
  COMPLETED("履约完毕"),
  ENDED("采购结束（未签约）");

  private final String chinese;

  UnitStage(String chinese) {
    this.chinese = chinese;
  }

  public String chinese() {
    return chinese;
  }
}
