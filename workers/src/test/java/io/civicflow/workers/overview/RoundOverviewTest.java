package io.civicflow.workers.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.workers.analytics.RegistryAnalytics;
import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.demo.DemoHistory;
import io.civicflow.workers.exports.AnalystTables;
import io.civicflow.workers.exports.Spreadsheet;
import io.civicflow.workers.overview.OverviewViews.AuditTrail;
import io.civicflow.workers.overview.OverviewViews.ContractPage;
import io.civicflow.workers.overview.OverviewViews.RoundPage;
import io.civicflow.workers.overview.OverviewViews.UnitRow;
import io.civicflow.workers.payment.PaymentRecord;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.registry.RatedProviderRegistry;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchContractRecords;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchDocumentStore;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchExtension;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchPaymentLedger;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchProviderRegistry;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchRecords;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchTestServer;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The round and contract pages and the exports over the demo's completed Kunshan 2016 round,
 * written into a real Elasticsearch through the application's adapters. The round ran before the
 * engine (the demo writes no instances), so the engine's history has none: {@link NoInstances}.
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoundOverviewTest {

  /** After the round: 1 October 2018. */
  private static final Instant AFTER = Instant.parse("2018-10-01T02:00:00Z");

  private RoundOverview overview;
  private RegistryAnalytics analytics;

  @BeforeAll
  void writeTheKunshan2016Round() {
    ElasticsearchTestServer server = ElasticsearchTestServer.shared();
    server.clearRegistry();
    ElasticsearchDocumentStore store = server.registryStore();
    ProviderRegistry registry = new RatedProviderRegistry(new ElasticsearchProviderRegistry(store));
    ContractRecords contracts = new ElasticsearchContractRecords(store);
    DemoHistory.write(registry, contracts, at -> new ElasticsearchPaymentLedger(store, () -> at));
    io.civicflow.workers.demo.DemoStationHistory.writeStation(
        ElasticsearchRecords.incubations(store),
        ElasticsearchRecords.cases(store),
        ElasticsearchRecords.serviceRequests(store));
    analytics =
        new RegistryAnalytics(store, registry, contracts, ElasticsearchRecords.incubations(store));
    overview =
        new RoundOverview(
            analytics, contracts, registry, new NoInstances(), InstantSource.fixed(AFTER));
  }

  /**
   * The shared Elasticsearch outlives this class: the 2016 round's contract numbers (KS-2016-…)
   * must not meet the process tests that sign the same numbers later in the run.
   */
  @org.junit.jupiter.api.AfterAll
  void clearTheRound() {
    ElasticsearchTestServer.shared().clearRegistry();
  }

  @Test
  void theRoundPageShowsEveryUnitsStageWithItsLateStepsAndPayments() {
    RoundPage round = overview.round(2016, row -> true);

    assertThat(round.units()).hasSize(15);
    Map<String, UnitRow> units =
        round.units().stream().collect(Collectors.toMap(UnitRow::unitCode, u -> u));
    assertThat(units.get("ZP").stageName()).isEqualTo("履约完毕");
    assertThat(units.get("ZP").contractNo()).isEqualTo("KS-2016-ZP-Y2");
    assertThat(units.get("ZP").providerName()).isEqualTo("昆山市阳光社会工作服务社");
    assertThat(units.get("ZP").detail()).contains("第2年度终期评估").contains("已拨付第2年度第3期");
    // 千灯镇: terminated after a failed mid-term evaluation and procured again
    assertThat(units.get("QD").stage()).isEqualTo(UnitStage.REPROCURED.name());
    assertThat(units.get("QD").events())
        .anySatisfy(e -> assertThat(e.label()).startsWith("合同终止 KS-2016-QD-Y1"))
        .anySatisfy(e -> assertThat(e.kind()).isEqualTo("failed"));
    // 淀山湖镇 signed on 2 September: late; 巴城镇 owes its last report
    assertThat(units.get("DSH").lateReasons()).contains("合同KS-2016-DSH-Y1签订晚于2016年8月31日");
    assertThat(units.get("DSH").events()).anySatisfy(e -> assertThat(e.late()).isTrue());
    assertThat(units.get("BC").lateReasons()).contains("KS-2016-BC-Y2 运营报告缺报1期");
    assertThat(units.get("ZP").lateReasons()).isEmpty();
    // a completed unit was paid its two contract years in full
    assertThat(units.get("ZP").paidFen()).isEqualTo(units.get("ZP").contractValueFen());
    assertThat(round.paidFen()).isEqualTo(round.units().stream().mapToLong(UnitRow::paidFen).sum());
    // the timeline's events are in order
    assertThat(units.get("ZS").events())
        .extracting(e -> e.at())
        .isSortedAccordingTo(Instant::compareTo);

    // a district office sees its own unit only
    assertThat(overview.round(2016, row -> row.unitCode().equals("ZP")).units())
        .extracting(UnitRow::unitCode)
        .containsExactly("ZP");
    assertThatThrownBy(() -> overview.round(2012, row -> true))
        .isInstanceOf(NoSuchElementException.class);
    assertThat(overview.rounds()).anySatisfy(r -> assertThat(r.roundYear()).isEqualTo(2016));
  }

  @Test
  void theContractPageHoldsBothYearsReportsEvaluationsPaymentsAndComplaints() {
    ContractPage page = overview.contract("KS-2016-ZS-Y1", true);

    assertThat(page.years())
        .extracting(c -> c.contractNo())
        .containsExactly("KS-2016-ZS-Y1", "KS-2016-ZS-Y2");
    assertThat(page.reports()).hasSize(12).noneMatch(r -> r.filed() == null);
    assertThat(page.evaluations())
        .extracting(e -> e.kind())
        .containsExactly("MIDTERM", "ANNUAL", "MIDTERM", "FINAL");
    assertThat(page.payments()).hasSize(6);
    assertThat(page.paidFen())
        .isEqualTo(page.contractValueFen())
        .isEqualTo(page.payments().stream().mapToLong(PaymentRecord::amountFen).sum());
    assertThat(page.complaints()).singleElement().satisfies(c -> assertThat(c.upheld()).isFalse());
    assertThat(page.people()).extracting(p -> p.role()).contains("承接机构", "采购方（区镇）");

    ContractPage terminated = overview.contract("KS-2016-QD-Y1", true);
    assertThat(terminated.terminations())
        .singleElement()
        .satisfies(t -> assertThat(t.grade()).isEqualTo("不合格"));
    assertThat(terminated.replacements()).containsExactly("KS-2017-QD-Y1", "KS-2017-QD-Y2");
    assertThat(terminated.stageName()).isEqualTo("合同已终止");
  }

  @Test
  void theContractsAuditTrailListsEveryPaymentEvaluationReportAndComplaintInOrder()
      throws Exception {
    AuditTrail trail = overview.contractTrail("KS-2016-LJ-Y1", true);

    assertThat(trail.subject()).contains("KS-2016-LJ-Y1").contains("陆家镇");
    assertThat(trail.entries()).extracting(e -> e.kind()).contains("合同", "运营报告", "评估", "付款", "投诉");
    assertThat(trail.entries()).filteredOn(e -> e.kind().equals("付款")).hasSize(6);
    assertThat(trail.entries()).extracting(e -> e.at()).isSortedAccordingTo(Instant::compareTo);

    byte[] xlsx = Spreadsheet.write(List.of(AnalystTables.auditTrail(trail)));
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = book.getSheet("审计记录");
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("时间");
      assertThat(sheet.getLastRowNum()).isEqualTo(trail.entries().size());
    }
  }

  @Test
  void thePaymentsExportAddsUpToTheLedger() throws Exception {
    AnalystTables tables = new AnalystTables(analytics);
    byte[] xlsx = Spreadsheet.write(List.of(tables.table("payments", null, null, AFTER)));
    long ledger = analytics.payments().stream().mapToLong(PaymentRecord::amountFen).sum();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = book.getSheet("资金拨付与预算");
      assertThat(sheet.getRow(0).getCell(6).getStringCellValue()).isEqualTo("已拨付（元）");
      double paid = 0;
      for (int r = 1; r < sheet.getLastRowNum(); r++) {
        paid += sheet.getRow(r).getCell(6).getNumericCellValue();
      }
      Row totals = sheet.getRow(sheet.getLastRowNum());
      assertThat(totals.getCell(0).getStringCellValue()).isEqualTo("合计");
      assertThat(Math.round(paid * 100)).isEqualTo(ledger);
      assertThat(Math.round(totals.getCell(6).getNumericCellValue() * 100)).isEqualTo(ledger);
    }
    // every analyst table has content in the demo's history
    for (String id : AnalystTables.TABLES.keySet()) {
      Spreadsheet.Table table = tables.table(id, null, null, AFTER);
      assertThat(table.rows()).as(id).isNotEmpty();
      assertThat(Spreadsheet.write(List.of(table))).isNotEmpty();
    }
    assertThat(tables.table("funnel", null, null, AFTER).rows().get(0).get(1)).isEqualTo(6L);
  }

  @Test
  void theRoundAndContractSummariesPrintInChinese() {
    io.civicflow.workers.documents.PdfWriter writer =
        new io.civicflow.workers.documents.PdfWriter(
            io.civicflow.workers.documents.PdfWriter.DEFAULT_FONT);

    String round =
        io.civicflow.workers.documents.PdfText.of(
            writer.write(
                io.civicflow.workers.exports.Summaries.round(overview.round(2016, row -> true))));
    assertThat(round.replaceAll("\\s+", ""))
        .contains("2016年昆山市社区社会工作服务项目采购进度汇总")
        .contains("千灯镇（KSCG-2016-QD）：终止后重新采购")
        .contains("合同KS-2016-DSH-Y1签订晚于2016年8月31日");

    String contract =
        io.civicflow.workers.documents.PdfText.of(
            writer.write(
                io.civicflow.workers.exports.Summaries.contract(
                    overview.contract("KS-2016-ZS-Y1", true))));
    assertThat(contract.replaceAll("\\s+", ""))
        .contains("服务合同履约汇总")
        .contains("已拨付1,600,000.00元")
        .contains("运营报告：应报12期，已报12期，逾期0期");
  }

  /** The engine's history of a round run before the engine: no instances. */
  static final class NoInstances implements ProcessHistory {
    @Override
    public List<Instance> instances(String processDefinitionId, String name, Object value) {
      return List.of();
    }

    @Override
    public List<Instance> children(long parentProcessInstanceKey) {
      return List.of();
    }

    @Override
    public Optional<Instance> instance(long processInstanceKey) {
      return Optional.empty();
    }

    @Override
    public List<Step> steps(long processInstanceKey) {
      return List.of();
    }

    @Override
    public List<Task> openTasks(long processInstanceKey) {
      return List.of();
    }

    @Override
    public List<Task> tasks(long processInstanceKey) {
      return List.of();
    }

    @Override
    public Map<String, String> variables(long processInstanceKey) {
      return Map.of();
    }
  }
}
