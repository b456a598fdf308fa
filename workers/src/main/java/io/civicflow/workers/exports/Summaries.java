package io.civicflow.workers.exports;

import static io.civicflow.workers.overview.RoundOverview.yuan;

import io.civicflow.workers.contract.ContractEntry;
import io.civicflow.workers.documents.Paper;
import io.civicflow.workers.overview.OverviewViews.ContractPage;
import io.civicflow.workers.overview.OverviewViews.ReportLine;
import io.civicflow.workers.overview.OverviewViews.RoundPage;
import io.civicflow.workers.overview.OverviewViews.UnitRow;
import io.civicflow.workers.payment.PaymentRecord;
import io.civicflow.workers.registry.ComplaintEntry;
import io.civicflow.workers.registry.EvaluationEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The printed summaries of a round and of a contract, as {@link Paper}s for the PDF writer. */
public final class Summaries {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy年M月d日").withZone(ZoneId.of("Asia/Shanghai"));

  private Summaries() {}

  public static Paper round(RoundPage page) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "统计时间："
            + day(page.asOf())
            + "。采购单元 "
            + page.units().size()
            + " 个，合同金额合计 "
            + yuan(page.contractValueFen())
            + " 元，已拨付 "
            + yuan(page.paidFen())
            + " 元。");
    for (UnitRow row : page.units()) {
      StringBuilder line =
          new StringBuilder()
              .append(row.district())
              .append("（")
              .append(row.projectNo())
              .append("）：")
              .append(row.stageName());
      if (!row.providerName().isBlank()) {
        line.append("；承接机构 ").append(row.providerName());
      }
      if (!row.detail().isBlank()) {
        line.append("；").append(row.detail());
      }
      line.append("；已拨付 ").append(yuan(row.paidFen())).append(" 元");
      if (!row.lateReasons().isEmpty()) {
        line.append("；逾期事项：").append(String.join("、", row.lateReasons()));
      }
      lines.add(line.append("。").toString());
    }
    return new Paper(page.roundName() + " 进度汇总", "采购年度 " + page.roundYear(), lines);
  }

  public static Paper contract(ContractPage page) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "区镇："
            + page.district()
            + "；项目编号："
            + page.projectNo()
            + "；承接机构："
            + page.providerName()
            + "（"
            + page.providerOrgId()
            + "）；当前状态："
            + page.stageName()
            + "。");
    for (ContractEntry c : page.years()) {
      lines.add(
          "合同 "
              + c.contractNo()
              + "："
              + day(c.signedAt())
              + " 签订，年度金额 "
              + yuan(c.contractValueFen())
              + " 元，"
              + AnalystTables.STATES.getOrDefault(c.state().name(), c.state().name())
              + "。");
    }
    lines.add(
        "资金拨付：合同金额合计 " + yuan(page.contractValueFen()) + " 元，已拨付 " + yuan(page.paidFen()) + " 元。");
    for (PaymentRecord p : page.payments()) {
      lines.add(
          "  "
              + day(p.paidAt())
              + " 拨付第"
              + p.contractYear()
              + "年度第"
              + p.tranche()
              + "期 "
              + yuan(p.amountFen())
              + " 元。");
    }
    for (EvaluationEntry e : page.evaluations()) {
      lines.add(
          "评估："
              + day(e.recordedAt())
              + " 第"
              + e.contractYear()
              + "年度 "
              + e.kind()
              + "，总分 "
              + e.totalScore()
              + "，等级 "
              + e.grade()
              + "。");
    }
    long filed = page.reports().stream().filter(r -> r.filed() != null).count();
    long late = page.reports().stream().filter(ReportLine::late).count();
    lines.add("运营报告：应报 " + page.reports().size() + " 期，已报 " + filed + " 期，逾期 " + late + " 期。");
    for (ComplaintEntry c : page.complaints()) {
      lines.add(
          "投诉："
              + day(c.recordedAt())
              + " "
              + c.content()
              + "（"
              + (c.upheld() ? "成立" : "不成立")
              + "）。");
    }
    if (!page.replacements().isEmpty()) {
      lines.add("终止后重新采购的合同：" + String.join("、", page.replacements()) + "。");
    }
    lines.add(
        "相关人员："
            + page.people().stream()
                .map(p -> p.role() + " " + p.who())
                .collect(Collectors.joining("；"))
            + "。");
    return new Paper("服务合同履约汇总", page.contractNo(), lines);
  }

  static String day(Instant at) {
    return at == null ? "—" : DAY.format(at);
  }
}
