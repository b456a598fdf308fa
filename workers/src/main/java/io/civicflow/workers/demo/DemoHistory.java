package io.civicflow.workers.demo;

import io.civicflow.workers.contract.ContractEntry;
import io.civicflow.workers.contract.ContractNumbers;
import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.contract.ContractState;
import io.civicflow.workers.contract.OperatingReport;
import io.civicflow.workers.payment.PaymentId;
import io.civicflow.workers.payment.PaymentInstruction;
import io.civicflow.workers.payment.PaymentLedger;
import io.civicflow.workers.procurement.KunshanUnits;
import io.civicflow.workers.procurement.ProcurementUnit;
import io.civicflow.workers.registry.CaseRecords;
import io.civicflow.workers.registry.ComplaintEntry;
import io.civicflow.workers.registry.EvaluationEntry;
import io.civicflow.workers.registry.IncubationRecords;
import io.civicflow.workers.registry.ProviderEntry;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.registry.ServiceRequestRecords;
import io.civicflow.workers.registry.TerminationEntry;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchDocumentStore;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchPaymentLedger;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's completed past round: the Kunshan 2016 round's records as the register would hold them
 * after two contract years (September 2016 – August 2018) — 15 units, their providers, both
 * contract years, bimonthly reports (a few late, one missing), four evaluations a unit, tranche
 * payments 30/40/30, two complaints (one upheld), one contract signed after 31 August, and 千灯镇's
 * contract terminated after a failed mid-term evaluation and procured again ({@code
 * KSCG-2016-QD-R1}) — and the town station's incubations, cases and service requests of 2017–2018.
 * Written into the registry (Elasticsearch) through its ports, with the dates they happened on; no
 * engine instances (those would need two years of engine time). Every write is idempotent, so a
 * second start writes nothing new. On with the {@code demo} profile ({@code
 * civicflow.demo.history=true}).
 */
@Component
@Order(90) // before DemoRound moves the clock and starts the current round
@ConditionalOnProperty(name = "civicflow.demo.history", havingValue = "true")
public class DemoHistory implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoHistory.class);
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** The past round's year. */
  public static final int YEAR = 2016;

  /** The providers of the past round: credit code → name, district. */
  static final List<String[]> PROVIDERS =
      List.of(
          new String[] {"52320583MJ5000001X", "昆山市阳光社会工作服务社", "张浦镇"},
          new String[] {"52320583MJ5000002X", "昆山市恒爱社会工作服务中心", "周市镇"},
          new String[] {"52320583MJ5000003X", "昆山市同心社会工作服务社", "昆山开发区"},
          new String[] {"52320583MJ5000004X", "昆山市启航社会工作服务中心", "昆山高新区"},
          new String[] {"52320583MJ5000005X", "昆山市善德社会工作服务社", "花桥经济开发区"},
          new String[] {"52320583MJ5000006X", "昆山市和美社区服务中心", "陆家镇"},
          new String[] {"52320583MJ5000007X", "昆山市乐群社会工作服务社", "巴城镇"},
          new String[] {"52320583MJ5000008X", "昆山市益家社会工作服务中心", "千灯镇"});

  /** Which provider won which unit (index into {@link #PROVIDERS}). */
  static final Map<String, Integer> WINNERS =
      Map.ofEntries(
          Map.entry("KFQ", 2),
          Map.entry("GXQ", 3),
          Map.entry("HQ", 4),
          Map.entry("ZP", 0),
          Map.entry("ZS", 1),
          Map.entry("LJ", 5),
          Map.entry("BC", 6),
          Map.entry("QD", 7),
          Map.entry("DSH", 0),
          Map.entry("ZZ", 1),
          Map.entry("JX", 2),
          Map.entry("BL", 3),
          Map.entry("TL", 4),
          Map.entry("QY", 5),
          Map.entry("ZC", 6));

  /** The unit whose contract is terminated and procured again, and its new provider. */
  static final String TERMINATED_UNIT = "QD";

  static final int REPLACEMENT_PROVIDER = 3;

  /** The unit that signed after 31 August. */
  static final String LATE_SIGNER = "DSH";

  private final ProviderRegistry registry;
  private final ContractRecords contracts;
  private final IncubationRecords incubations;
  private final CaseRecords cases;
  private final ServiceRequestRecords requests;
  private final ObjectProvider<ElasticsearchDocumentStore> store;

  public DemoHistory(
      ProviderRegistry registry,
      ContractRecords contracts,
      IncubationRecords incubations,
      CaseRecords cases,
      ServiceRequestRecords requests,
      ObjectProvider<ElasticsearchDocumentStore> store) {
    this.registry = registry;
    this.contracts = contracts;
    this.incubations = incubations;
    this.cases = cases;
    this.requests = requests;
    this.store = store;
  }

  @Override
  public void run(ApplicationArguments args) {
    ElasticsearchDocumentStore es = store.getIfAvailable();
    if (es == null) {
      LOG.info("Demo history: the registry is not on Elasticsearch; the 2016 round is not written");
      return;
    }
    if (contracts.contract("KS-2016-ZC-Y2").isPresent()) {
      LOG.info("Demo history: the Kunshan 2016 round is in the register already");
      return;
    }
    int written = write(registry, contracts, at -> new ElasticsearchPaymentLedger(es, () -> at));
    written += DemoStationHistory.writeStation(incubations, cases, requests);
    LOG.info("Demo history: wrote the completed Kunshan 2016 round ({} records)", written);
  }

  /**
   * Writes the past round through the ports; {@code ledgerAt} gives a ledger whose clock stands at
   * a payment's date (the ledger stamps each payment with its own time).
   *
   * @return how many records were written (or found written)
   */
  public static int write(
      ProviderRegistry registry,
      ContractRecords contracts,
      Function<Instant, PaymentLedger> ledgerAt) {
    int count = 0;
    for (String[] p : PROVIDERS) {
      registry.registerProvider(
          new ProviderEntry(
              p[0],
              p[1],
              p[0],
              p[2],
              List.of("基础类", "增能类", "治理类"),
              "在" + p[2] + "提供社区社会工作服务：困境群体帮扶、社区治理与公益组织培育",
              LocalDate.of(2013, 3, 1),
              12,
              "PROCUREMENT",
              at(2016, 6, 1, 9)));
      count++;
    }
    List<ProcurementUnit> units = KunshanUnits.all();
    for (int i = 0; i < units.size(); i++) {
      ProcurementUnit unit = units.get(i);
      String[] provider = PROVIDERS.get(WINNERS.get(unit.code()));
      String projectNo = "KSCG-" + YEAR + "-" + unit.code();
      long value = (800_000L - (i % 4) * 10_000L) * 100;
      Instant signed1 =
          unit.code().equals(LATE_SIGNER) ? at(2016, 9, 2, 15) : at(2016, 8, 22 + i % 8, 10);
      Instant signed2 = at(2017, 8, 21 + i % 8, 10);
      int base = 78 + (i * 7) % 17; // 78 … 94: 合格 to 优秀
      if (unit.code().equals(TERMINATED_UNIT)) {
        count +=
            contractYear(
                registry,
                contracts,
                ledgerAt,
                unit,
                provider,
                projectNo,
                1,
                value,
                signed1,
                at(2017, 3, 20, 10),
                55,
                i,
                true);
        String[] next = PROVIDERS.get(REPLACEMENT_PROVIDER);
        String again = projectNo + "-R1";
        count += replacement(registry, contracts, ledgerAt, unit, next, again, value, i);
        continue;
      }
      count +=
          contractYear(
              registry,
              contracts,
              ledgerAt,
              unit,
              provider,
              projectNo,
              1,
              value,
              signed1,
              at(2017, 8, 31, 17),
              base,
              i,
              false);
      count +=
          contractYear(
              registry,
              contracts,
              ledgerAt,
              unit,
              provider,
              projectNo,
              2,
              value,
              signed2,
              at(2018, 8, 31, 17),
              Math.min(96, base + 3),
              i,
              false);
    }
    // complaints: 周市镇 (not upheld), 陆家镇 (upheld: costs the provider 5 rating points)
    registry.recordComplaint(
        new ComplaintEntry(
            "complaint:KS-2016-ZS-Y1:demo-1",
            PROVIDERS.get(1)[0],
            "KS-2016-ZS-Y1",
            "KSCG-2016-ZS",
            "周市镇居民 陈女士",
            "社区老人助餐活动临时取消，未提前告知",
            false,
            "经核实，活动因台风预警取消并已在社区公告栏通知；已向投诉人说明情况。",
            at(2017, 1, 12, 14)));
    registry.recordComplaint(
        new ComplaintEntry(
            "complaint:KS-2016-LJ-Y2:demo-1",
            PROVIDERS.get(5)[0],
            "KS-2016-LJ-Y2",
            "KSCG-2016-LJ",
            "陆家镇社区对接专人 王磊",
            "驻点社工连续两周未按排班到岗",
            true,
            "投诉成立：责令承接机构补足服务时数并调整排班，纳入年度评估扣分。",
            at(2018, 4, 3, 10)));
    return count + 2;
  }

  private static int contractYear(
      ProviderRegistry registry,
      ContractRecords contracts,
      Function<Instant, PaymentLedger> ledgerAt,
      ProcurementUnit unit,
      String[] provider,
      String projectNo,
      int year,
      long value,
      Instant signed,
      Instant ends,
      int score,
      int index,
      boolean fails) {
    int roundYear = Integer.parseInt(projectNo.substring(5, 9));
    String contractNo = ContractNumbers.contractNo("KS", roundYear, unit.code(), year);
    contracts.recordContract(
        ContractEntry.signed(
            contractNo,
            projectNo,
            unit.code(),
            unit.name(),
            roundYear,
            provider[0],
            provider[1],
            value,
            signed));
    int count = 1;
    int calendar = 2015 + year + (roundYear - YEAR); // the year the contract year starts in
    // bimonthly reports: 巴城镇 files its last report of year 2 never, 锦溪镇 two late
    int reports = fails ? 3 : 6;
    for (int k = 1; k <= reports; k++) {
      if (unit.code().equals("BC") && year == 2 && k == 6) {
        continue;
      }
      Instant due = signed.atZone(CHINA).plusMonths(2L * k).toInstant();
      boolean late = unit.code().equals("JX") && year == 1 && (k == 2 || k == 3);
      Instant filed = due.minusSeconds(late ? -6 * 86_400L : 2 * 86_400L);
      contracts.fileReport(
          new OperatingReport(
              "report:" + contractNo + ":" + k,
              contractNo,
              "",
              "",
              18 + (index + k) % 9,
              420 + 37 * k + 11 * index,
              6 + k % 4,
              BigDecimal.valueOf(120 + 15L * k),
              (value / 6) * 9 / 10,
              6,
              "本期开展困境群体探访、社区议事会与志愿者培训。",
              k == 3 ? "部分老人服务需求集中，人手紧张。" : "",
              "继续推进个案跟进与社区骨干培育。",
              "",
              filed));
      count++;
    }
    // evaluations: mid-term (March) and annual/final (August); tranches 30/40/30 follow them
    PaymentLedger first = ledgerAt.apply(signed.plusSeconds(10 * 86_400L));
    count += pay(first, contractNo, year, 1, value * 30 / 100, "首期款（合同签订后）");
    Instant midterm = at(calendar + 1, 3, 8 + index % 10, 10);
    count += evaluate(registry, provider[0], contractNo, year, "MIDTERM", score - 2, midterm);
    if (fails) {
      Instant terminated = ends;
      contracts.endContract(contractNo, ContractState.TERMINATED, terminated);
      registry.recordTermination(
          new TerminationEntry(
              "termination:" + contractNo,
              provider[0],
              contractNo,
              "Y" + year + "-MIDTERM",
              "不合格",
              terminated));
      return count + 2;
    }
    count +=
        pay(
            ledgerAt.apply(midterm.plusSeconds(15 * 86_400L)),
            contractNo,
            year,
            2,
            value * 40 / 100,
            "中期评估合格后第二期款");
    Instant annual = at(calendar + 1, 8, 10 + index % 10, 10);
    count +=
        evaluate(
            registry, provider[0], contractNo, year, year == 2 ? "FINAL" : "ANNUAL", score, annual);
    count +=
        pay(
            ledgerAt.apply(annual.plusSeconds(12 * 86_400L)),
            contractNo,
            year,
            3,
            value - value * 30 / 100 - value * 40 / 100,
            year == 2 ? "终期评估合格后尾款" : "年度评估合格后第三期款");
    contracts.endContract(contractNo, ContractState.COMPLETED, ends);
    return count + 1;
  }

  /** 千灯镇 procured again after the termination: the rest of year 1, then year 2. */
  private static int replacement(
      ProviderRegistry registry,
      ContractRecords contracts,
      Function<Instant, PaymentLedger> ledgerAt,
      ProcurementUnit unit,
      String[] provider,
      String projectNo,
      long annualValue,
      int index) {
    int count = 0;
    String y1 = ContractNumbers.contractNo("KS", 2017, unit.code(), 1);
    long rest = annualValue * 30 / 100;
    Instant signed = at(2017, 5, 15, 10);
    contracts.recordContract(
        ContractEntry.signed(
            y1, projectNo, unit.code(), unit.name(), 2017, provider[0], provider[1], rest, signed));
    count += pay(ledgerAt.apply(at(2017, 5, 25, 10)), y1, 1, 1, rest, "重新采购合同：剩余期限服务费");
    contracts.fileReport(
        new OperatingReport(
            "report:" + y1 + ":1",
            y1,
            "",
            "",
            12,
            260,
            4,
            BigDecimal.valueOf(60),
            rest / 3,
            6,
            "接续原承接机构的服务对象，完成走访与建档。",
            "",
            "开展暑期青少年活动。",
            "",
            at(2017, 7, 13, 16)));
    count += evaluate(registry, provider[0], y1, 1, "ANNUAL", 84, at(2017, 8, 16, 10));
    contracts.endContract(y1, ContractState.COMPLETED, at(2017, 8, 31, 17));
    String y2 = ContractNumbers.contractNo("KS", 2017, unit.code(), 2);
    contracts.recordContract(
        ContractEntry.signed(
            y2,
            projectNo,
            unit.code(),
            unit.name(),
            2017,
            provider[0],
            provider[1],
            annualValue,
            at(2017, 8, 28, 10)));
    for (int k = 1; k <= 6; k++) {
      Instant due = at(2017, 8, 28, 10).atZone(CHINA).plusMonths(2L * k).toInstant();
      contracts.fileReport(
          new OperatingReport(
              "report:" + y2 + ":" + k,
              y2,
              "",
              "",
              15 + k,
              380 + 40 * k,
              5,
              BigDecimal.valueOf(100),
              annualValue / 7,
              6,
              "本期开展困境群体探访与社区活动。",
              "",
              "继续开展服务。",
              "",
              due.minusSeconds(86_400L)));
      count++;
    }
    count +=
        pay(ledgerAt.apply(at(2017, 9, 8, 10)), y2, 2, 1, annualValue * 30 / 100, "首期款（合同签订后）");
    count += evaluate(registry, provider[0], y2, 2, "MIDTERM", 86, at(2018, 3, 12, 10));
    count +=
        pay(ledgerAt.apply(at(2018, 3, 27, 10)), y2, 2, 2, annualValue * 40 / 100, "中期评估合格后第二期款");
    count += evaluate(registry, provider[0], y2, 2, "FINAL", 88, at(2018, 8, 14, 10));
    count +=
        pay(
            ledgerAt.apply(at(2018, 8, 27, 10)),
            y2,
            2,
            3,
            annualValue - annualValue * 30 / 100 - annualValue * 40 / 100,
            "终期评估合格后尾款");
    contracts.endContract(y2, ContractState.COMPLETED, at(2018, 8, 31, 17));
    return count + 3;
  }

  private static int evaluate(
      ProviderRegistry registry,
      String orgId,
      String contractNo,
      int year,
      String kind,
      int score,
      Instant at) {
    String grade = score >= 90 ? "优秀" : score >= 80 ? "良好" : score >= 60 ? "合格" : "不合格";
    registry.recordEvaluation(
        new EvaluationEntry(
            "evaluation:" + contractNo + ":Y" + year + ":" + kind,
            orgId,
            contractNo,
            year,
            kind,
            BigDecimal.valueOf(score),
            grade,
            score >= 60,
            at));
    return 1;
  }

  private static int pay(
      PaymentLedger ledger, String contractNo, int year, int tranche, long fen, String reason) {
    ledger.pay(
        new PaymentInstruction(
            new PaymentId(contractNo, year, tranche).value(),
            contractNo,
            year,
            tranche,
            fen,
            reason));
    return 1;
  }

  static Instant at(int year, int month, int day, int hour) {
    return LocalDateTime.of(year, month, day, hour, 0).atZone(CHINA).toInstant();
  }

  /** Every record's unit, for tests: the 15 Kunshan units. */
  static List<String> unitCodes() {
    List<String> codes = new ArrayList<>();
    KunshanUnits.all().forEach(u -> codes.add(u.code()));
    return codes;
  }
}
