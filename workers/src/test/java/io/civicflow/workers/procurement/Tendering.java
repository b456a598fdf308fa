package io.civicflow.workers.procurement;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.civicflow.workers.procurement.Kunshan2016.at;
import static io.civicflow.workers.procurement.Kunshan2016.bid;
import static io.civicflow.workers.procurement.Kunshan2016.completeEach;
import static io.civicflow.workers.procurement.Kunshan2016.team;
import static io.civicflow.workers.procurement.Kunshan2016.variable;

import com.fasterxml.jackson.core.type.TypeReference;
import io.camunda.client.CamundaClient;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.ProcessInstanceSelectors;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One unit's tender as the officials and bidders drive it, for the process tests: the agency's
 * tender documents, bids from the e-procurement platform and on paper, the evaluation committee's
 * independent score sheets, the report and the purchaser's confirmation.
 */
final class Tendering {

  static final String SUNSHINE = "52320583MJ5000001X";
  static final String HENGAI = "52320583MJ5000002X";
  static final String LEREN = "52320583MJ5000003X";

  /** The technical score every committee member gives each bidder (one sheet per member). */
  private static final Map<String, Integer> TECHNICAL = Map.of(SUNSHINE, 88, HENGAI, 80, LEREN, 84);

  private final CamundaClient client;
  private final CamundaProcessTestContext processTest;
  private final long unit;
  private final String projectNo;

  Tendering(
      CamundaClient client, CamundaProcessTestContext processTest, long unit, String projectNo) {
    this.client = client;
    this.processTest = processTest;
    this.unit = unit;
    this.projectNo = projectNo;
  }

  /** The agency completes the tender documents; the announcement goes out with the deadlines. */
  void publishTender() {
    publishTender(List.of());
  }

  /**
   * As {@link #publishTender()}, with {@code files} (document references, as the form's file picker
   * submits them) as the tender documents themselves.
   */
  void publishTender(List<Map<String, Object>> files) {
    Map<String, Object> documents = new HashMap<>();
    documents.put("files", files);
    documents.put("documentNo", projectNo + "-CS");
    documents.put("title", "社区社会工作服务项目竞争性磋商文件");
    documents.put("jointBidsAccepted", true);
    documents.put("priceWeightPercent", 20);
    documents.put("scoringMethod", "综合评分法");
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_PrepareTenderDocuments", unit),
        Map.of("tenderDocuments", documents));
    assertThat(ProcessInstanceSelectors.byKey(unit))
        .hasCompletedElements("Task_ScheduleTender")
        .isWaitingForMessage("BidSubmitted", projectNo);
  }

  /** A bid from the e-procurement platform. */
  void bidOnline(String bidderId, String bidderName, long priceFen) {
    bidOnline(bidderId, bidderName, priceFen, 1);
  }

  /** A bid from the e-procurement platform in tender attempt {@code attempt}. */
  void bidOnline(String bidderId, String bidderName, long priceFen, int attempt) {
    bidOnline(bid(bidderId, bidderName, priceFen), attempt);
  }

  /** {@code bid} (a {@link Kunshan2016#bid} map) from the e-procurement platform. */
  void bidOnline(Map<String, Object> bid, int attempt) {
    String bidderId = (String) bid.get("bidderId");
    client
        .newPublishMessageCommand()
        .messageName("BidSubmitted")
        .correlationKey(projectNo)
        .messageId("online:" + projectNo + ":" + attempt + ":" + bidderId)
        .timeToLive(Duration.ofDays(30))
        .variables(Map.of("bid", bid))
        .send()
        .join();
  }

  /**
   * A bid handed in on paper on 9 August, registered by the agency through the paper-bid process.
   */
  void bidOnPaper(String bidderId, String bidderName, long priceYuan) {
    bidOnPaper(bidderId, bidderName, priceYuan, "2016-08-09T15:30+08:00");
  }

  /** A bid handed in on paper at {@code receivedAt}, as the agency writes it on the form. */
  void bidOnPaper(String bidderId, String bidderName, long priceYuan, String receivedAt) {
    Map<String, Object> form = new HashMap<>();
    form.put("projectNo", projectNo);
    form.put("receivedAt", receivedAt);
    form.put("bidderId", bidderId);
    form.put("bidderName", bidderName);
    form.put("registeredAsNonProfit", true);
    form.put("priceYuan", priceYuan);
    form.put("jointBid", false);
    form.put("team", team());
    assertThat(
            client
                .newCreateInstanceCommand()
                .bpmnProcessId("paper-bid")
                .latestVersion()
                .variables(form)
                .send()
                .join())
        .isCompleted();
  }

  /** Three bids: two online, one on paper. */
  void receiveThreeBids() {
    bidOnline(SUNSHINE, "昆山市阳光社会工作服务社", 78_000_000L);
    bidOnline(HENGAI, "昆山市恒爱社会工作服务中心", 76_000_000L);
    bidOnPaper(LEREN, "苏州乐仁社会工作服务社", 790_000L);
    assertThat(ProcessInstanceSelectors.byKey(unit))
        .hasVariableSatisfies(
            "bids",
            List.class,
            bids -> org.assertj.core.api.Assertions.assertThat(bids).hasSize(3));
  }

  /**
   * The deadline passes on 11 August; every bid's team passes conformity; each committee member
   * scores every bid on their own task; the report goes to the purchaser, who confirms the
   * first-ranked on 12 August, and the award is published.
   */
  void evaluateAndAward() {
    evaluateAndAward(3);
  }

  /** As {@link #evaluateAndAward()}, with {@code qualified} bids passing conformity. */
  void evaluateAndAward(int qualified) {
    closeBidWindow(qualified);
    scoreAndConfirm("2016-08-11", "2016-08-12T10:00");
    assertThat(ProcessInstanceSelectors.byKey(unit))
        .hasVariable("noticePeriodEnds", "2016-08-15T17:00:00+08:00")
        .hasVariable("objectionDeadline", "2016-08-24T17:00:00+08:00");
  }

  /**
   * The deadline passes on 11 August; {@code qualified} bids pass conformity and the committee's
   * scoring tasks are created.
   */
  void closeBidWindow(int qualified) {
    processTest.setTime(at("2016-08-11T09:00"));
    assertThat(ProcessInstanceSelectors.byKey(unit))
        .hasCompletedElements("Timer_BidDeadline", "CallActivity_Conformity", "Task_FormPanel")
        .hasVariableSatisfies(
            "qualifiedBids",
            List.class,
            bids -> org.assertj.core.api.Assertions.assertThat(bids).hasSize(qualified));
  }

  /**
   * Each committee member scores every qualified bid; the report of {@code reportDate} goes to the
   * purchaser, who confirms the first-ranked at {@code confirmedAt} (Shanghai); the award is
   * published.
   */
  void scoreAndConfirm(String reportDate, String confirmedAt) {
    completeEach(
        client,
        "Task_ExpertScoring",
        5,
        task ->
            Map.of(
                "scores",
                TECHNICAL.entrySet().stream()
                    .map(
                        e ->
                            Map.<String, Object>of(
                                "bidderId", e.getKey(), "technicalScore", e.getValue()))
                    .toList(),
                "noConflictOfInterest",
                true));
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_EvaluationReport", unit),
        Map.of(
            "evaluationReport",
            Map.of(
                "reportNo",
                projectNo + "-PS",
                "reportDate",
                reportDate,
                "summary",
                "三家响应文件均通过符合性审查，按综合评分排序",
                "signedByPanel",
                true)));
    assertThat(ProcessInstanceSelectors.byKey(unit)).hasActiveElements("Task_ConfirmWinner");
    List<Map<String, Object>> ranking =
        variable(client, unit, "ranking", new TypeReference<List<Map<String, Object>>>() {});
    processTest.setTime(at(confirmedAt));
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_ConfirmWinner", unit),
        Map.of(
            "winnerBidderId", ranking.get(0).get("bidderId"),
            "winner", ranking.get(0),
            "confirmationOpinion", "同意评审委员会推荐的排名第一的供应商"));
    assertThat(ProcessInstanceSelectors.byKey(unit))
        .hasCompletedElements("Task_PublishAward")
        .isWaitingForMessage("ObjectionFiled", projectNo);
  }

  /** The objection window closes on 24 August at 17:00 without objections: on to signing. */
  void closeObjectionWindow() {
    processTest.setTime(at("2016-08-24T17:00"));
    assertThat(ProcessInstanceSelectors.byKey(unit))
        .hasCompletedElements(
            "Timer_ObjectionWindowClosed", "Task_AssignContractNumber", "Task_ScheduleSigning")
        .hasActiveElements("Task_SignContract");
  }

  static Map<String, Object> contractSigning(String date) {
    return Map.of(
        "contractSigning",
        Map.of(
            "signedDate",
            date,
            "providerRepresentative",
            "李主任",
            "termsConfirmed",
            true,
            "teamConfirmed",
            true,
            "performanceBondReceived",
            true,
            "contractFileRef",
            "昆民合〔2016〕社工"));
  }
}
