package io.civicflow.workers.contract;

import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.documents.Paper;
import io.civicflow.workers.procurement.RankedBid;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract draft (合同草案) drawn up from the tender documents and the award, for the purchaser and
 * the winner to check before signing (政府采购法 Art 46: the contract follows the tender documents and
 * the award; 一年一签).
 */
public final class ContractPapers {

  private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private ContractPapers() {}

  /**
   * The tender documents' terms the draft repeats.
   *
   * @param documentNo the tender documents' number
   */
  public record TenderTerms(
      String documentNo, String title, String scoringMethod, String qualificationRequirements) {}

  /**
   * @param trancheBasisPoints the payment split in % of the contract value, e.g. 30/40/30
   */
  public static Paper draft(
      String contractNo,
      String projectNo,
      String unitName,
      TenderTerms tender,
      RankedBid winner,
      long contractValueFen,
      List<Integer> trancheBasisPoints,
      LocalDate contractStart,
      ZonedDateTime now) {
    List<String> text = new ArrayList<>();
    text.add("甲方（采购人）：" + (unitName == null ? "" : unitName));
    text.add("乙方（成交供应商）：" + winner.bidderName() + "（统一社会信用代码：" + winner.bidderId() + "）");
    text.add("");
    text.add(
        "　　根据"
            + (unitName == null ? "" : unitName)
            + "社区社会工作服务项目（项目编号："
            + projectNo
            + "）的采购文件"
            + (tender == null || tender.documentNo() == null ? "" : "（" + tender.documentNo() + "）")
            + (tender == null || tender.title() == null ? "" : "《" + tender.title() + "》")
            + "、乙方的响应文件和成交通知书，双方签订本合同。");
    text.add("第一条　服务内容：按采购文件和乙方响应文件承诺的服务方案提供社区社会工作服务，乙方投入的团队与响应文件一致。");
    text.add(
        "第二条　合同金额：人民币"
            + BigDecimal.valueOf(contractValueFen, 2).toPlainString()
            + "元（每合同年度），为成交金额。");
    text.add(
        "第三条　服务期限："
            + (contractStart == null
                ? "自合同签订之日起一年"
                : contractStart.format(CHINESE_DATE)
                    + "至"
                    + contractStart.plusYears(1).minusDays(1).format(CHINESE_DATE))
            + "，合同一年一签。");
    text.add(
        "第四条　付款方式：按评估结果分期拨付，比例为"
            + (trancheBasisPoints == null || trancheBasisPoints.isEmpty()
                ? "—"
                : String.join("/", trancheBasisPoints.stream().map(String::valueOf).toList()) + "%")
            + "。");
    if (tender != null && tender.scoringMethod() != null) {
      text.add("第五条　评价方式：" + tender.scoringMethod() + "；年度第三方评估结果作为拨付和续签的依据。");
    }
    text.add("");
    text.add("甲方（盖章）：　　　　　　　　乙方（盖章）：");
    text.add(
        "本草案生成于"
            + now.withZoneSameInstant(ProcessTime.ZONE).format(CHINESE_DATE)
            + "，以双方签章的合同文本为准。");
    return new Paper("政府采购服务合同（草案）", "合同编号：" + contractNo, text);
  }

  /**
   * The acceptance report (验收报告) of the final acceptance, from the acceptance task's record.
   *
   * @param passed the result, PASSED or not
   * @param participants how many took part, service users included
   */
  public static Paper acceptanceReport(
      String contractNo,
      String unitName,
      String providerName,
      long contractValueFen,
      boolean passed,
      Integer participants,
      String opinion,
      String publicationRef,
      ZonedDateTime now) {
    List<String> text = new ArrayList<>();
    text.add("项目：" + (unitName == null ? "" : unitName) + "社区社会工作服务项目");
    text.add("合同编号：" + contractNo);
    text.add("承接机构：" + (providerName == null ? "—" : providerName));
    text.add("合同金额：人民币" + BigDecimal.valueOf(contractValueFen, 2).toPlainString() + "元（每合同年度）");
    text.add("验收方式：采购人组织履约验收，邀请服务对象参与（政府采购法实施条例第四十五条）。");
    text.add("参加验收人数：" + (participants == null ? "—" : participants + "人"));
    text.add("验收结论：" + (passed ? "通过" : "不通过"));
    text.add("验收意见：" + (opinion == null || opinion.isBlank() ? "—" : opinion));
    if (publicationRef != null && !publicationRef.isBlank()) {
      text.add("结果公告：" + publicationRef);
    }
    text.add("");
    text.add("验收小组签字：");
    text.add(now.withZoneSameInstant(ProcessTime.ZONE).format(CHINESE_DATE));
    return new Paper("履约验收报告", "合同编号：" + contractNo, text);
  }
}
