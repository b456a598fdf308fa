package io.civicflow.workers.procurement;

import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.documents.Paper;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The papers a tender issues, as {@link Paper}s the workers render and attach to the process: the
 * evaluation report (评审报告) the committee signs and the award notice (成交通知书) sent to the winner and
 * published with the award (87号令 Art 69; 财库〔2014〕214号 Art 27: 成交通知书).
 */
public final class ProcurementPapers {

  static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
  static final DateTimeFormatter CHINESE_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

  private ProcurementPapers() {}

  /** The award notice of {@code notice}, issued at {@code now}. */
  public static Paper awardNotice(
      String projectNo, String unitName, String method, AwardNotice notice, ZonedDateTime now) {
    RankedBid winner = notice.winner();
    List<String> text = new ArrayList<>();
    text.add(winner.bidderName() + "：");
    text.add(
        "　　"
            + project(unitName, projectNo)
            + "经"
            + (method == null || method.isBlank() ? "政府采购" : method)
            + "，评审委员会评审并经采购人确认，确定贵单位为成交供应商。");
    text.add("　　成交金额：人民币" + AwardPublication.yuan(notice.awardedPriceFen()) + "元（每合同年度）。");
    text.add(
        "　　综合得分："
            + winner.totalScore()
            + "（技术得分"
            + winner.technicalScore()
            + "，价格得分"
            + winner.priceScore()
            + "），排名第"
            + winner.rank()
            + "。");
    text.add(
        "　　成交结果公告期至"
            + time(notice.noticePeriodEnds())
            + "；供应商可于"
            + time(notice.objectionDeadline())
            + "前提出质疑。");
    text.add("　　请贵单位在质疑期满后，按采购文件和响应文件确定的事项与采购人签订政府采购合同。");
    text.add("");
    text.add("采购人：" + (unitName == null ? "" : unitName));
    text.add(now.withZoneSameInstant(ProcessTime.ZONE).format(CHINESE_DATE));
    return new Paper("成交通知书", "编号：" + projectNo + "-CJ" + notice.awardAttempt(), text);
  }

  /**
   * The committee's report of {@code ranking} from the members' {@code sheets}, as it is attached
   * to the unit's process (评审报告). The members appear by seat only ({@link #seat}: 委员A, 委员B, … in
   * the order of the sheets, which is the order of the sealed seats, shuffled when the committee is
   * drawn): the committee's list is confidential until the result is set (87号令 Art 48), and whoever
   * reads the unit's process reads this report; the award notice later publishes the names (条例 Art
   * 43) in another order, so a seat's scores cannot be matched to a published name. The names stay
   * in the sealed draw and on each member's own scoring task.
   */
  public static Paper evaluationReport(
      String projectNo,
      String unitName,
      List<RankedBid> ranking,
      List<ScoreSheet> sheets,
      String priceWeightPercent,
      ZonedDateTime now) {
    List<String> text = new ArrayList<>();
    text.add("项目：" + project(unitName, projectNo));
    text.add(
        "评审委员会："
            + sheets.size()
            + "人，各成员独立评分；价格分权重"
            + (priceWeightPercent == null ? "—" : priceWeightPercent + "%")
            + "，价格分以最低有效报价为基准计算。");
    text.add("评审委员会成员名单在评审结果确定前保密，本报告以席位代号列示；名单由采购代理机构封存，随成交结果公告公布。");
    text.add("");
    text.add("一、评审排名");
    for (RankedBid bid : ranking) {
      text.add(
          "第"
              + bid.rank()
              + "名　"
              + bid.bidderName()
              + "（"
              + bid.bidderId()
              + "）　报价"
              + AwardPublication.yuan(bid.priceFen())
              + "元　技术得分"
              + bid.technicalScore()
              + "　价格得分"
              + bid.priceScore()
              + "　综合得分"
              + bid.totalScore());
    }
    text.add("");
    text.add("二、各评审委员技术评分");
    for (int i = 0; i < sheets.size(); i++) {
      StringBuilder line = new StringBuilder(seat(i)).append("：");
      for (ScoreSheet.Score score : sheets.get(i).scores()) {
        line.append(name(ranking, score.bidderId()))
            .append(' ')
            .append(score.technicalScore())
            .append("；");
      }
      text.add(line.toString());
    }
    text.add("");
    text.add(
        "三、推荐意见：推荐"
            + (ranking.isEmpty() ? "—" : ranking.get(0).bidderName())
            + "为第一成交候选供应商，请采购人确认。");
    text.add("评审委员会成员签字（按席位）：");
    text.add(now.withZoneSameInstant(ProcessTime.ZONE).format(CHINESE_DATE));
    return new Paper("评审报告", "编号：" + projectNo + "-PS", text);
  }

  /**
   * The label of the {@code index}-th seat (from 0): 委员A … 委员Z, then 委员27 and on (a committee has
   * at most a few more than 7).
   */
  static String seat(int index) {
    return "委员" + (index < 26 ? String.valueOf((char) ('A' + index)) : String.valueOf(index + 1));
  }

  private static String name(List<RankedBid> ranking, String bidderId) {
    return ranking.stream()
        .filter(bid -> bid.bidderId().equals(bidderId))
        .map(RankedBid::bidderName)
        .findFirst()
        .orElse(bidderId);
  }

  static String project(String unitName, String projectNo) {
    return projectName(unitName) + "（项目编号：" + projectNo + "）";
  }

  /** The project's name, e.g. 花桥经济开发区社区社会工作服务项目. */
  static String projectName(String unitName) {
    return (unitName == null ? "" : unitName) + "社区社会工作服务项目";
  }

  static String time(String isoDateTime) {
    return isoDateTime == null
        ? "—"
        : ProcessTime.parse(isoDateTime).withZoneSameInstant(ProcessTime.ZONE).format(CHINESE_TIME);
  }
}
