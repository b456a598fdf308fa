package io.civicflow.workers.analytics;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.civicflow.workers.contract.ContractEntry;
import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.contract.ContractState;
import io.civicflow.workers.contract.OperatingReport;
import io.civicflow.workers.payment.PaymentInstruction;
import io.civicflow.workers.payment.PaymentLedger;
import io.civicflow.workers.registry.CaseEntry;
import io.civicflow.workers.registry.CaseRecords;
import io.civicflow.workers.registry.CaseStep;
import io.civicflow.workers.registry.EvaluationEntry;
import io.civicflow.workers.registry.IncubationEntry;
import io.civicflow.workers.registry.IncubationRecords;
import io.civicflow.workers.registry.IncubationStage;
import io.civicflow.workers.registry.ProviderEntry;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.registry.RatedProviderRegistry;
import io.civicflow.workers.registry.ServiceRequestEntry;
import io.civicflow.workers.registry.ServiceRequestEvent;
import io.civicflow.workers.registry.ServiceRequestRecords;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchContractRecords;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchDocumentStore;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchExtension;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchPaymentLedger;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchProviderRegistry;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchRecords;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchTestServer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The analyst API over data indexed in the real Elasticsearch through the application's adapters:
 * two Kunshan units (张浦镇, 周庄镇), their payments, evaluations and reports, an incubation, a case and
 * a service request with an SLA breach.
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsControllerTest {

  private static final Instant SIGNED = Instant.parse("2016-08-30T02:00:00Z");
  private static final long VALUE = 80_000_000L;

  private MockMvc mvc;

  @BeforeAll
  void indexAKunshanRound() {
    ElasticsearchTestServer server = ElasticsearchTestServer.shared();
    server.clearRegistry();
    ElasticsearchDocumentStore store = server.registryStore();
    ProviderRegistry registry = new RatedProviderRegistry(new ElasticsearchProviderRegistry(store));
    ContractRecords contracts = new ElasticsearchContractRecords(store);
    PaymentLedger ledger =
        new ElasticsearchPaymentLedger(
            store, InstantSource.fixed(Instant.parse("2016-09-05T02:00:00Z")));
    IncubationRecords incubations = ElasticsearchRecords.incubations(store);
    CaseRecords cases = ElasticsearchRecords.cases(store);
    ServiceRequestRecords requests = ElasticsearchRecords.serviceRequests(store);

    registry.registerProvider(
        new ProviderEntry(
            "ORG-ZP", "昆山市阳光社工服务社", "", "张浦镇", List.of("基础类"), "", null, 6, "PROCUREMENT", SIGNED));
    registry.registerProvider(
        new ProviderEntry(
            "ORG-ZZ", "周庄镇水乡社工中心", "", "周庄镇", List.of("治理类"), "", null, 5, "INCUBATION", SIGNED));
    contracts.recordContract(
        ContractEntry.signed(
            "KS-2016-ZP-Y1", "P-ZP", "ZP", "张浦镇", 2016, "ORG-ZP", "昆山市阳光社工服务社", VALUE, SIGNED));
    contracts.recordContract(
        ContractEntry.signed(
            "KS-2016-ZZ-Y1", "P-ZZ", "ZZ", "周庄镇", 2016, "ORG-ZZ", "周庄镇水乡社工中心", VALUE, SIGNED));
    ledger.pay(PaymentInstruction.of("KS-2016-ZP-Y1", 1, 1, 24_000_000L, "签约首付款"));
    ledger.pay(PaymentInstruction.of("KS-2016-ZZ-Y1", 1, 1, 24_000_000L, "签约首付款"));

    Instant march = Instant.parse("2017-03-20T02:00:00Z");
    registry.recordEvaluation(
        new EvaluationEntry(
            "evaluation:KS-2016-ZP-Y1:Y1:MIDTERM",
            "ORG-ZP",
            "KS-2016-ZP-Y1",
            1,
            "MIDTERM",
            new BigDecimal("92.0"),
            "优秀",
            true,
            march));
    registry.recordEvaluation(
        new EvaluationEntry(
            "evaluation:KS-2016-ZZ-Y1:Y1:MIDTERM",
            "ORG-ZZ",
            "KS-2016-ZZ-Y1",
            1,
            "MIDTERM",
            new BigDecimal("52.0"),
            "不合格",
            false,
            march));
    contracts.endContract("KS-2016-ZZ-Y1", ContractState.TERMINATED, march.plusSeconds(3600));

    // 张浦 filed its first two bimonthly reports, the second late; 周庄 filed none before terminating
    contracts.fileReport(report("KS-2016-ZP-Y1", "r1", Instant.parse("2016-10-28T02:00:00Z")));
    contracts.fileReport(report("KS-2016-ZP-Y1", "r2", Instant.parse("2017-01-10T02:00:00Z")));

    for (IncubationStage stage :
        List.of(IncubationStage.APPLIED, IncubationStage.ADMITTED, IncubationStage.GRADUATED)) {
      incubations.record(incubation("ORG-ZZ", stage));
    }
    incubations.record(incubation("ORG-QD", IncubationStage.APPLIED));
    incubations.record(incubation("ORG-QD", IncubationStage.REJECTED));

    Instant may = Instant.parse("2017-05-02T02:00:00Z");
    cases.record(
        new CaseEntry(
            "case:GX-1:OPENED",
            "GX-1",
            "R-1",
            "周市镇",
            "周市镇社工站",
            "sw1",
            CaseStep.OPENED,
            "",
            "",
            may,
            ""));
    cases.record(
        new CaseEntry(
            "case:GX-1:CLOSED",
            "GX-1",
            "R-1",
            "周市镇",
            "周市镇社工站",
            "sw1",
            CaseStep.CLOSED,
            "",
            "",
            may.plusSeconds(86_400 * 30),
            ""));
    requests.record(request("request:R-1:REGISTERED", ServiceRequestEvent.REGISTERED, may));
    requests.record(
        request(
            "request:R-1:ACCEPTANCE_LAPSED:1",
            ServiceRequestEvent.ACCEPTANCE_LAPSED,
            may.plusSeconds(90_000)));
    requests.record(
        request("request:R-1:CLOSED", ServiceRequestEvent.CLOSED, may.plusSeconds(400_000)));

    RegistryAnalytics analytics = new RegistryAnalytics(store, registry, contracts, incubations);
    StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("analytics", analytics));
    mvc =
        MockMvcBuilders.standaloneSetup(
                new AnalyticsController(
                    beans.getBeanProvider(RegistryAnalytics.class),
                    InstantSource.fixed(Instant.parse("2017-01-20T02:00:00Z"))))
            .build();
  }

  private static OperatingReport report(String contractNo, String id, Instant filedAt) {
    return new OperatingReport(
        contractNo + ":report:" + id,
        contractNo,
        "",
        "",
        10,
        200,
        3,
        BigDecimal.TEN,
        5_000_000L,
        6,
        "开展活动",
        "",
        "",
        "",
        filedAt);
  }

  private static IncubationEntry incubation(String orgId, IncubationStage stage) {
    return new IncubationEntry(
        IncubationEntry.idOf(orgId, stage),
        orgId,
        "",
        "周庄镇",
        stage,
        null,
        "",
        Instant.parse("2017-04-01T02:00:00Z").plusSeconds(stage.ordinal() * 86_400L));
  }

  private static ServiceRequestEntry request(String id, ServiceRequestEvent event, Instant at) {
    return new ServiceRequestEntry(
        id, "R-1", "周市镇", "东方社区", "独居老人", true, event, "sw1", "", at, "", null);
  }

  @Test
  void contractsByDistrictYearAndState() throws Exception {
    mvc.perform(get("/api/analytics/contracts"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", hasSize(2)))
        .andExpect(jsonPath("$[0].district").value("周庄镇"))
        .andExpect(jsonPath("$[0].year").value(2016))
        .andExpect(jsonPath("$[0].state").value("TERMINATED"))
        .andExpect(jsonPath("$[1].district").value("张浦镇"))
        .andExpect(jsonPath("$[1].state").value("SIGNED"))
        .andExpect(jsonPath("$[1].contractValueFen").value(VALUE));
    mvc.perform(get("/api/analytics/contracts").param("state", "SIGNED"))
        .andExpect(jsonPath("$", hasSize(1)));
  }

  @Test
  void paymentsAgainstBudget() throws Exception {
    mvc.perform(get("/api/analytics/payments/budget").param("district", "张浦镇"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.budgetFen").value(80_000_000L))
        .andExpect(jsonPath("$.paidFen").value(24_000_000L))
        .andExpect(jsonPath("$.contracts[0].remainingFen").value(56_000_000L));
  }

  @Test
  void gradeDistributionByYearAndProvider() throws Exception {
    mvc.perform(get("/api/analytics/evaluations/grade-distribution").param("year", "2017"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", hasSize(2)))
        .andExpect(jsonPath("$[0].providerOrgId").value("ORG-ZP"))
        .andExpect(jsonPath("$[0].grade").value("优秀"))
        .andExpect(jsonPath("$[1].grade").value("不合格"));
    mvc.perform(get("/api/analytics/evaluations/grade-distribution").param("year", "2016"))
        .andExpect(jsonPath("$", hasSize(0)));
  }

  @Test
  void unitsWithLateOrMissingReports() throws Exception {
    // at 2017-01-20: 张浦 owed reports on 10-30 and 12-30, filed both, the second late;
    // 周庄 owed the same two and filed none
    mvc.perform(get("/api/analytics/operating-reports/arrears"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.contractNo == 'KS-2016-ZP-Y1')].late").value(contains(1)))
        .andExpect(jsonPath("$[?(@.contractNo == 'KS-2016-ZP-Y1')].missing").value(contains(0)))
        .andExpect(jsonPath("$[?(@.contractNo == 'KS-2016-ZZ-Y1')].missing").value(contains(2)));
    // after its termination in March 周庄 owes nothing more: 3 due until then
    mvc.perform(get("/api/analytics/operating-reports/arrears").param("asOf", "2017-08-31"))
        .andExpect(jsonPath("$[?(@.contractNo == 'KS-2016-ZZ-Y1')].reportsDue").value(contains(3)));
  }

  @Test
  void providerRankingAndCard() throws Exception {
    mvc.perform(get("/api/analytics/providers/ranking"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].providerOrgId").value("ORG-ZP"))
        .andExpect(jsonPath("$[0].name").value("昆山市阳光社工服务社"))
        .andExpect(jsonPath("$[0].rating").value(100.0))
        .andExpect(jsonPath("$[1].providerOrgId").value("ORG-ZZ"))
        .andExpect(jsonPath("$[1].rating").value(30.0));
    mvc.perform(get("/api/analytics/providers/ORG-ZZ"))
        .andExpect(jsonPath("$.profile.name").value("周庄镇水乡社工中心"))
        .andExpect(jsonPath("$.contracts[0].state").value("TERMINATED"))
        .andExpect(jsonPath("$.incubation", hasSize(3)));
  }

  @Test
  void incubationFunnel() throws Exception {
    mvc.perform(get("/api/analytics/incubations/funnel"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.applied").value(2))
        .andExpect(jsonPath("$.admitted").value(1))
        .andExpect(jsonPath("$.graduated").value(1))
        .andExpect(jsonPath("$.rejected").value(1));
  }

  @Test
  void caseAndRequestVolumesWithSlaBreaches() throws Exception {
    mvc.perform(get("/api/analytics/cases/volume").param("year", "2017"))
        .andExpect(jsonPath("$[0].district").value("周市镇"))
        .andExpect(jsonPath("$[0].opened").value(1))
        .andExpect(jsonPath("$[0].closed").value(1));
    mvc.perform(get("/api/analytics/service-requests/volume"))
        .andExpect(jsonPath("$[0].registered").value(1))
        .andExpect(jsonPath("$[0].acceptanceLapses").value(1))
        .andExpect(jsonPath("$[0].slaBreaches").value(1));
  }

  @Test
  void consoleChartsInTheAnalyticsContractShape() throws Exception {
    mvc.perform(get("/api/analytics/contracts/by-district"))
        .andExpect(jsonPath("$.labels", hasSize(2)))
        .andExpect(jsonPath("$.series[0].data[0]").value(800000.0))
        .andExpect(jsonPath("$.unit").value("元"));
    mvc.perform(get("/api/analytics/payments/by-month"))
        .andExpect(jsonPath("$.labels[0]").value("2016-09"))
        .andExpect(jsonPath("$.series[0].data[0]").value(480000.0));
    mvc.perform(get("/api/analytics/evaluations/grades"))
        .andExpect(jsonPath("$.labels[0]").value("优秀"))
        .andExpect(jsonPath("$.series[0].data[0]").value(1));
    mvc.perform(get("/api/analytics/providers/ratings"))
        .andExpect(jsonPath("$.labels[0]").value("昆山市阳光社工服务社"));
  }
}
