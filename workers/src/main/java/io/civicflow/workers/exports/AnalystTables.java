package io.civicflow.workers.exports;

import static io.civicflow.workers.exports.Spreadsheet.Kind.DATE_TIME;
import static io.civicflow.workers.exports.Spreadsheet.Kind.DECIMAL;
import static io.civicflow.workers.exports.Spreadsheet.Kind.INTEGER;
import static io.civicflow.workers.exports.Spreadsheet.Kind.PERCENT;
import static io.civicflow.workers.exports.Spreadsheet.Kind.TEXT;
import static io.civicflow.workers.exports.Spreadsheet.Kind.YUAN;

import io.civicflow.workers.analytics.AnalyticsViews.BudgetReport;
import io.civicflow.workers.analytics.AnalyticsViews.ContractBudget;
import io.civicflow.workers.analytics.AnalyticsViews.IncubationFunnel;
import io.civicflow.workers.analytics.RegistryAnalytics;
import io.civicflow.workers.contract.ContractEntry;
import io.civicflow.workers.contract.ContractState;
import io.civicflow.workers.exports.Spreadsheet.Column;
import io.civicflow.workers.exports.Spreadsheet.Kind;
import io.civicflow.workers.exports.Spreadsheet.Table;
import io.civicflow.workers.overview.OverviewViews.AuditEntry;
import io.civicflow.workers.overview.OverviewViews.AuditTrail;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The analysts' tables as spreadsheets: the same numbers as the analyst API ({@code
 * /api/analytics/…}), with Chinese headers, money in yuan, one sheet each.
 */
public final class AnalystTables {

  /**
   * The tables, by the id in {@code /api/analytics/exports/<id>.xlsx}, with their Chinese names.
   */
  public static final Map<String, String> TABLES =
      new java.util.LinkedHashMap<>(
          Map.of(
              "contracts", "合同一览",
              "payments", "资金拨付与预算",
              "grades", "评估等级分布",
              "arrears", "运营报告欠报",
              "ranking", "承接机构排名",
              "funnel", "孵化培育漏斗",
              "cases", "个案数量",
              "requests", "服务需求数量"));

  static final Map<String, String> STATES =
      Map.of(
          ContractState.SIGNED.name(), "履约中",
          ContractState.TERMINATED.name(), "已终止",
          ContractState.COMPLETED.name(), "履约完毕");

  private final RegistryAnalytics analytics;

  public AnalystTables(RegistryAnalytics analytics) {
    this.analytics = Objects.requireNonNull(analytics, "analytics");
  }

  /**
   * One table by its id; {@code year} and {@code district} narrow those that take them (may be
   * null).
   *
   * @throws NoSuchElementException for an unknown id
   */
  public Table table(String id, Integer year, String district, Instant asOf) {
    return switch (id) {
      case "contracts" -> contracts(year, district);
      case "payments" -> payments(year, district);
      case "grades" -> grades(year);
      case "arrears" -> arrears(asOf);
      case "ranking" -> ranking();
      case "funnel" -> funnel(year);
      case "cases" -> cases(year);
      case "requests" -> requests(year);
      default -> throw new NoSuchElementException("没有名为 " + id + " 的统计表");
    };
  }

  private Table contracts(Integer year, String district) {
    List<List<Object>> rows = new ArrayList<>();
    long total = 0;
    for (ContractEntry c : analytics.contractEntries(year)) {
      if (district != null && !district.equals(c.district())) {
        continue;
      }
      total += c.contractValueFen();
      rows.add(
          row(
              c.contractNo(),
              c.projectNo(),
              c.district(),
              (long) c.roundYear(),
              c.providerName(),
              c.providerOrgId(),
              c.contractValueFen(),
              c.signedAt(),
              STATES.getOrDefault(c.state().name(), c.state().name()),
              c.stateChangedAt()));
    }
    return new Table(
        TABLES.get("contracts"),
        columns(
            "合同编号",
            TEXT,
            "项目编号",
            TEXT,
            "区镇",
            TEXT,
            "采购年度",
            INTEGER,
            "承接机构",
            TEXT,
            "统一社会信用代码",
            TEXT,
            "年度合同金额（元）",
            YUAN,
            "签订时间",
            DATE_TIME,
            "状态",
            TEXT,
            "状态变更时间",
            DATE_TIME),
        rows,
        row("合计", null, null, null, null, null, total, null, rows.size() + " 份合同", null));
  }

  private Table payments(Integer year, String district) {
    BudgetReport report = analytics.paymentsAgainstBudget(district, year);
    List<List<Object>> rows = new ArrayList<>();
    for (ContractBudget c : report.contracts()) {
      rows.add(
          row(
              c.contractNo(),
              c.district(),
              (long) c.year(),
              c.providerName(),
              STATES.getOrDefault(c.state(), c.state()),
              c.budgetFen(),
              c.paidFen(),
              c.remainingFen(),
              share(c.paidFen(), c.budgetFen())));
    }
    return new Table(
        TABLES.get("payments"),
        columns(
            "合同编号", TEXT, "区镇", TEXT, "采购年度", INTEGER, "承接机构", TEXT, "状态", TEXT, "合同金额（元）", YUAN,
            "已拨付（元）", YUAN, "未拨付（元）", YUAN, "拨付比例", PERCENT),
        rows,
        row(
            "合计",
            null,
            null,
            null,
            null,
            report.budgetFen(),
            report.paidFen(),
            report.budgetFen() - report.paidFen(),
            share(report.paidFen(), report.budgetFen())));
  }

  private Table grades(Integer year) {
    Map<String, String> names = providerNames();
    List<List<Object>> rows =
        analytics.gradeDistribution(year, null).stream()
            .map(
                g ->
                    row(
                        (long) g.year(),
                        names.getOrDefault(g.providerOrgId(), ""),
                        g.providerOrgId(),
                        g.grade(),
                        g.evaluations()))
            .toList();
    return new Table(
        TABLES.get("grades"),
        columns("年度", INTEGER, "承接机构", TEXT, "统一社会信用代码", TEXT, "评估等级", TEXT, "评估次数", INTEGER),
        rows,
        null);
  }

  private Table arrears(Instant asOf) {
    List<List<Object>> rows =
        analytics.reportArrears(asOf).stream()
            .map(
                a ->
                    row(
                        a.contractNo(),
                        a.district(),
                        a.providerName(),
                        (long) a.reportsDue(),
                        (long) a.reportsFiled(),
                        (long) a.missing(),
                        (long) a.late()))
            .toList();
    return new Table(
        TABLES.get("arrears"),
        columns(
            "合同编号", TEXT, "区镇", TEXT, "承接机构", TEXT, "应报期数", INTEGER, "已报期数", INTEGER, "缺报期数",
            INTEGER, "迟报期数", INTEGER),
        rows,
        null);
  }

  private Table ranking() {
    List<List<Object>> rows =
        analytics.providerRanking().stream()
            .map(
                p ->
                    row(
                        (long) p.rank(),
                        p.name(),
                        p.providerOrgId(),
                        p.rating(),
                        (long) p.evaluations(),
                        (long) p.upheldComplaints(),
                        (long) p.terminations(),
                        p.ratedAt()))
            .toList();
    return new Table(
        TABLES.get("ranking"),
        columns(
            "名次",
            INTEGER,
            "承接机构",
            TEXT,
            "统一社会信用代码",
            TEXT,
            "动态评级",
            DECIMAL,
            "评估次数",
            INTEGER,
            "成立的投诉",
            INTEGER,
            "终止的合同",
            INTEGER,
            "评级时间",
            DATE_TIME),
        rows,
        null);
  }

  private Table funnel(Integer year) {
    IncubationFunnel f = analytics.incubationFunnel(year);
    return new Table(
        TABLES.get("funnel"),
        columns("阶段", TEXT, "机构数", INTEGER),
        List.of(
            row("申请入驻", f.applied()),
            row("入驻孵化", f.admitted()),
            row("成长出壳", f.graduated()),
            row("未通过审核", f.rejected()),
            row("退出孵化", f.exited())),
        null);
  }

  private Table cases(Integer year) {
    List<List<Object>> rows =
        analytics.caseVolumes(year).stream()
            .map(c -> row(c.district(), (long) c.year(), c.opened(), c.closed()))
            .toList();
    return new Table(
        TABLES.get("cases"),
        columns("区镇", TEXT, "年度", INTEGER, "新开个案", INTEGER, "结案", INTEGER),
        rows,
        null);
  }

  private Table requests(Integer year) {
    List<List<Object>> rows =
        analytics.requestVolumes(year).stream()
            .map(
                r ->
                    row(
                        r.district(),
                        (long) r.year(),
                        r.registered(),
                        r.closed(),
                        r.acceptanceLapses(),
                        r.serviceLapses(),
                        r.slaBreaches()))
            .toList();
    return new Table(
        TABLES.get("requests"),
        columns(
            "区镇", TEXT, "年度", INTEGER, "登记需求", INTEGER, "办结", INTEGER, "接单超时", INTEGER, "服务超时",
            INTEGER, "超时合计", INTEGER),
        rows,
        null);
  }

  /** An audit trail as a sheet: every entry with its decision fields. */
  public static Table auditTrail(AuditTrail trail) {
    List<List<Object>> rows = new ArrayList<>();
    for (AuditEntry e : trail.entries()) {
      rows.add(
          row(
              e.at(),
              e.kind(),
              e.what(),
              e.who(),
              e.detail(),
              e.fields().entrySet().stream()
                  .map(f -> f.getKey() + "：" + f.getValue())
                  .collect(Collectors.joining("；")),
              e.processInstanceKey() == null ? "" : String.valueOf(e.processInstanceKey())));
    }
    return new Table(
        "审计记录",
        columns(
            "时间", DATE_TIME, "类别", TEXT, "事项", TEXT, "办理人", TEXT, "说明", TEXT, "决定内容", TEXT, "流程实例",
            TEXT),
        rows,
        null);
  }

  private Map<String, String> providerNames() {
    Map<String, String> names = new java.util.HashMap<>();
    analytics.providerRanking().forEach(p -> names.put(p.providerOrgId(), p.name()));
    return names;
  }

  private static BigDecimal share(long part, long whole) {
    return whole == 0
        ? BigDecimal.ZERO
        : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  private static List<Column> columns(Object... pairs) {
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      columns.add(new Column((String) pairs[i], (Kind) pairs[i + 1]));
    }
    return columns;
  }
}
