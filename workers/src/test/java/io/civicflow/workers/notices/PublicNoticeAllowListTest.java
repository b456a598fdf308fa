package io.civicflow.workers.notices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.calendar.WorkingDayCalendar;
import io.civicflow.workers.contract.ContractTermination;
import io.civicflow.workers.outbox.InMemoryOutbox;
import io.civicflow.workers.outbox.Notifications;
import io.civicflow.workers.outbox.NotifyWorker;
import io.civicflow.workers.outbox.Publisher;
import io.civicflow.workers.payment.InMemoryPaymentLedger;
import io.civicflow.workers.procurement.AwardPublication;
import io.civicflow.workers.procurement.ContractPublication;
import io.civicflow.workers.procurement.RankedBid;
import io.civicflow.workers.procurement.TenderScheduling;
import io.civicflow.workers.registry.InMemoryProviderRegistry;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every type of public notice, published by the steps that publish it in the application (the
 * tender's announcement and correction, the award, the contract, the termination, the acceptance),
 * states the fields its template requires — project, purchaser, agency, contact, method, money,
 * dates, place, supplier — and nothing beyond its type's allow-list: no losing bidder's score or
 * price, no expert's own score, no person's address.
 */
class PublicNoticeAllowListTest {

  /** What each type must state (财库〔2017〕86号-style templates), beyond the fixed fields. */
  static final Map<NoticeType, List<String>> REQUIRED =
      Map.of(
          NoticeType.ANNOUNCEMENT,
          List.of(
              "projectName",
              "purchaser",
              "agency",
              "contact",
              "method",
              "budget",
              "ceilingPrice",
              "documentsUntil",
              "bidDeadline",
              "place",
              "announcementPeriodEnds"),
          NoticeType.CORRECTION,
          List.of(
              "projectName",
              "purchaser",
              "agency",
              "contact",
              "originalNotice",
              "correction",
              "bidDeadline"),
          NoticeType.AWARD,
          List.of(
              "projectName",
              "purchaser",
              "agency",
              "contact",
              "method",
              "budget",
              "ceilingPrice",
              "winner",
              "awardedPrice",
              "committee",
              "noticePeriodEnds"),
          NoticeType.CONTRACT,
          List.of(
              "projectName",
              "purchaser",
              "agency",
              "contact",
              "contractNo",
              "signedAt",
              "winner",
              "contractAmount"),
          NoticeType.TERMINATION,
          List.of(
              "projectName",
              "purchaser",
              "agency",
              "contact",
              "contractNo",
              "winner",
              "terminatedAt",
              "terminationReason"),
          NoticeType.ACCEPTANCE,
          List.of(
              "projectName",
              "purchaser",
              "agency",
              "contact",
              "contractNo",
              "winner",
              "acceptanceResult"));

  /** Names no notice type may ever allow. */
  static final List<String> CONFIDENTIAL_NAMES =
      List.of(
          "score",
          "scores",
          "totalScore",
          "technicalScore",
          "priceScore",
          "expertScores",
          "bidPrice",
          "priceFen",
          "ranking",
          "bids",
          "email",
          "phone",
          "idNumber",
          "recipientGroup",
          "complainant");

  static final List<RankedBid> RANKING =
      List.of(
          new RankedBid(
              1,
              "B",
              "昆山市阳光社工服务社",
              78_000_000L,
              new BigDecimal("89.00"),
              new BigDecimal("87.50"),
              new BigDecimal("88.85")),
          new RankedBid(
              2,
              "A",
              "昆山市益友社工服务中心",
              70_500_000L,
              new BigDecimal("82.00"),
              new BigDecimal("96.40"),
              new BigDecimal("83.80")),
          new RankedBid(
              3,
              "C",
              "苏州市乐仁社工服务社",
              79_300_000L,
              new BigDecimal("70.00"),
              new BigDecimal("88.61"),
              new BigDecimal("71.86")));

  /** What must never be read on the board: the losers' scores and prices, an expert's own score. */
  static final List<String> CONFIDENTIAL_VALUES =
      List.of("83.80", "71.86", "96.40", "88.61", "705000", "793000", "91.5", "@");

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final Deadlines deadlines = new Deadlines(WorkingDayCalendar.fromClasspath());
  private final NoticeBoard board = new NoticeBoard(outbox, deadlines);
  private final Publisher publisher =
      new Publisher("昆山市民政局", "昆山市政府采购中心", "昆山市前进西路1801号开标室", "昆山市政府采购中心 0512-57500000");

  @BeforeEach
  void publishEveryType() {
    TenderScheduling tender = new TenderScheduling(deadlines, outbox, publisher);
    tender.schedule(
        "KSCG-2016-ZP",
        "张浦镇",
        "竞争性磋商",
        10,
        0,
        TenderScheduling.TenderTerms.of(
            null, 80_000_000L, new BigDecimal("20"), new BigDecimal("10"), new BigDecimal("30")),
        ProcessTime.parse("2016-07-11T09:00:00+08:00"));
    tender.publishCorrection(
        "KSCG-2016-ZP",
        "张浦镇",
        "竞争性磋商",
        1,
        1,
        "服务人数由3000人更正为3500人",
        ProcessTime.parse("2016-07-21T09:00:00+08:00"),
        ProcessTime.parse("2016-07-25T09:00:00+08:00"),
        ProcessTime.parse("2016-07-18T10:00:00+08:00"));
    new AwardPublication(deadlines, outbox)
        .publish(
            "KSCG-2016-ZP",
            "B",
            RANKING,
            List.of(),
            List.of(),
            1,
            0,
            ProcessTime.parse("2016-08-19T15:00:00+08:00"),
            Map.of(
                "projectName", "张浦镇社区社会工作服务项目",
                "purchaser", publisher.purchaser(),
                "agency", publisher.agency(),
                "contact", publisher.contact(),
                "method", "竞争性磋商",
                "budget", "800000.00元（每合同年度）",
                "ceilingPrice", "800000.00元（每合同年度）",
                "committee", "赵老师、钱老师、孙老师、李老师、周科长（采购人代表）",
                // written by mistake: never shown, the award allows no such field
                "expertScores", "赵老师 91.5"),
            notice -> List.of());
    new ContractPublication(deadlines, outbox, publisher)
        .publish(
            "KS-2016-ZP-Y1",
            "KSCG-2016-ZP",
            RANKING.get(0),
            RANKING,
            1,
            "张浦镇",
            "竞争性磋商",
            ProcessTime.parse("2016-08-30T10:00:00+08:00"));
    new ContractTermination(
            outbox,
            new InMemoryProviderRegistry(),
            new InMemoryPaymentLedger(InstantSource.system()),
            publisher)
        .terminate(
            "KS-2016-ZP-Y1",
            "B",
            "ZP",
            "昆山市阳光社工服务社",
            "张浦镇",
            "Y1-MIDTERM",
            "不合格",
            ProcessTime.parse("2017-04-10T10:00:00+08:00"));
    new NotifyWorker(new Notifications(outbox), publisher)
        .send(
            new NotifyWorker.Input(
                "notice.acceptance",
                "public",
                "陆家镇社区社会工作服务项目履约验收结果公告：通过",
                null,
                null,
                "KS-2016-LJ-Y2",
                null,
                null,
                null,
                null,
                "2018-08-20T10:00:00+08:00",
                Map.of(
                    "projectName", "陆家镇社区社会工作服务项目",
                    "contractNo", "KS-2016-LJ-Y2",
                    "winner", "昆山市益友社工服务中心",
                    "acceptanceResult", "验收合格",
                    "email", "resident@lujia.example"),
                null),
            42L);
  }

  @Test
  void eachTypeStatesWhatItsTemplateRequiresAndNothingBeyondItsAllowList() {
    ObjectMapper json = new ObjectMapper();
    List<String> seen = new ArrayList<>();
    for (PublicNotice notice : board.all()) {
      NoticeType type = NoticeType.ofSlug(notice.type()).orElseThrow();
      List<String> names = new ArrayList<>();
      json.valueToTree(notice).fieldNames().forEachRemaining(names::add);
      assertThat(names).as(type.label()).isSubsetOf(PublicNotice.fields(type));
      assertThat(notice.details().keySet()).as(type.label()).containsAll(REQUIRED.get(type));
      assertThat(notice.deadlineMet()).as(type.label()).isTrue();
      seen.add(notice.type());
    }
    assertThat(seen)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(NoticeType.values()).map(NoticeType::slug).toList());
  }

  @Test
  void noTypeAllowsAConfidentialFieldAndNoNoticeShowsAConfidentialValue() throws Exception {
    for (NoticeType type : NoticeType.values()) {
      assertThat(PublicNotice.fields(type))
          .as(type.label())
          .doesNotContainAnyElementsOf(CONFIDENTIAL_NAMES);
    }
    ObjectMapper json = new ObjectMapper();
    for (PublicNotice notice : board.all()) {
      String text = json.writeValueAsString(notice);
      for (String secret : CONFIDENTIAL_VALUES) {
        assertThat(text).as(notice.typeLabel()).doesNotContain(secret);
      }
    }
    // the letters to the bidders, with their own scores, and the bond refunds are not notices
    assertThat(outbox.all()).hasSizeGreaterThan(board.all().size());
    assertThat(board.all()).noneMatch(n -> n.title().contains("评审结果告知"));
  }

  @Test
  void theTenderNoticesStateTheMoneyDatesPlaceAndWhoToAsk() {
    PublicNotice announcement = board.search("announcement", null, null, null).get(0);
    assertThat(announcement.detail("budget")).isEqualTo("800000.00元（每合同年度）");
    assertThat(announcement.detail("bidDeadline")).isEqualTo("2016-07-21T09:00:00+08:00");
    assertThat(announcement.detail("place")).isEqualTo("昆山市前进西路1801号开标室");
    assertThat(announcement.detail("contact")).contains("0512-57500000");
    PublicNotice correction = board.search("correction", null, null, null).get(0);
    assertThat(correction.detail("originalNotice")).isEqualTo(announcement.title());
    assertThat(correction.detail("correction")).contains("顺延至2016-07-25T09:00:00+08:00");
  }

  @Test
  void theContractNoticeMetTwoWorkingDaysFromItsSigning() {
    PublicNotice contract = board.search("contract", null, null, null).get(0);
    assertThat(contract.detail("signedAt")).isEqualTo("2016-08-30T10:00:00+08:00");
    assertThat(contract.detail("contractAmount")).isEqualTo("780000.00元（每合同年度）");
    assertThat(contract.publishedBy()).isEqualTo("2016-09-01T17:00:00+08:00");
    assertThat(contract.deadlineMet()).isTrue();
  }

  @Test
  void theBoardPageAndTheFeedShowTheStructuredFields() {
    NoticeBoardController controller =
        new NoticeBoardController(board, null); // pages and feed read no document
    PublicNotice announcement = board.search("announcement", null, null, null).get(0);
    String page = controller.notice(announcement.id()).getBody();
    assertThat(page)
        .contains("<dt>采购人</dt><dd>昆山市民政局</dd>")
        .contains("<dt>响应文件递交截止时间</dt><dd>2016-07-21 09:00</dd>")
        .contains("<dt>联系方式</dt>")
        .contains("按时发布");
    String termination =
        controller.notice(board.search("termination", null, null, null).get(0).id()).getBody();
    assertThat(termination).contains("<dt>终止原因</dt>").contains("<dt>供应商</dt><dd>昆山市阳光社工服务社</dd>");
    assertThat(controller.feed().getBody())
        .contains("采购人：昆山市民政局")
        .contains("合同编号：KS-2016-ZP-Y1")
        .contains("验收结论：验收合格");
  }
}
