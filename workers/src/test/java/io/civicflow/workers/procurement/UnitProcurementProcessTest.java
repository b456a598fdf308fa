package io.civicflow.workers.procurement;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.civicflow.workers.procurement.Kunshan2016.at;
import static io.civicflow.workers.procurement.Kunshan2016.childInstance;
import static io.civicflow.workers.procurement.Kunshan2016.contractNo;
import static io.civicflow.workers.procurement.Kunshan2016.paymentId;
import static io.civicflow.workers.procurement.Kunshan2016.projectNo;
import static io.civicflow.workers.procurement.Kunshan2016.unitOfRound;
import static io.civicflow.workers.procurement.Kunshan2016.variable;
import static io.civicflow.workers.procurement.Tendering.HENGAI;
import static io.civicflow.workers.procurement.Tendering.LEREN;
import static io.civicflow.workers.procurement.Tendering.SUNSHINE;
import static io.civicflow.workers.procurement.Tendering.contractSigning;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.client.api.search.enums.ListenerEventType;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.ProcessInstanceSelectors;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.outbox.Inbox;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.Recipient;
import io.civicflow.workers.outbox.RecipientDirectory;
import io.civicflow.workers.payment.PaymentLedger;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import io.civicflow.workers.testing.MailTestServer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * unit-procurement — one unit's 竞争性磋商 in August 2016 (DOMAIN.md §1 steps 2–3, §6 clocks): the
 * tender, bids online and on paper, conformity review by the real bid-team-conformity, the
 * committee's independent scores, the purchaser's confirmation, the award and its objection window,
 * and signing by 31 August — with the real workers, and the real service-contract after signing.
 */
@EmbeddedEngineProcessTest
class UnitProcurementProcessTest {

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private PaymentLedger ledger;
  @Autowired private Outbox outbox;
  @Autowired private Inbox inbox;
  @Autowired private RecipientDirectory directory;

  /** A supplier whose bid reaches the platform after the window closed. */
  private static final String LATECOMER = "52320583MJ5000009X";

  private ProcessInstanceEvent unit;
  private Tendering tendering;

  /** The round hands the unit over on 1 August 2016; the agency publishes the tender that day. */
  private void tenderOn1August(String unitCode, String unitName) {
    processTest.setTime(at("2016-08-01T09:00"));
    unit =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("unit-procurement")
            .latestVersion()
            .variables(unitOfRound(unitCode, unitName))
            .send()
            .join();
    tendering =
        new Tendering(client, processTest, unit.getProcessInstanceKey(), projectNo(unitCode));
    tendering.publishTender();
    assertThat(unit)
        .hasVariable("bidDeadline", "2016-08-11T09:00:00+08:00")
        .hasVariable("documentsAvailableUntil", "2016-08-08T17:00:00+08:00");
  }

  @Test
  void oneUnitIsTenderedAwardedAndSignedOn30AugustIntoItsServiceContract() {
    tenderOn1August("HQ", "花桥经济开发区");
    tendering.receiveThreeBids();
    tendering.evaluateAndAward();
    assertThat(unit)
        .hasVariableSatisfies(
            "winner", Map.class, winner -> assertThat(winner.get("bidderId")).isEqualTo(SUNSHINE))
        .hasVariableSatisfies(
            "sealedScoreSheets", List.class, sheets -> assertThat(sheets).hasSize(5))
        // the award names the committee as the notice publishes it: five names, no account
        .hasVariableSatisfies(
            "awardCommittee",
            String.class,
            names ->
                assertThat(names.split("、"))
                    .hasSize(5)
                    .allSatisfy(name -> assertThat(name).doesNotContainPattern("expert|civil|@")));
    // the draw's record (pool, recusals and ties, accounts) stays sealed after the award
    assertThat(
            client
                .newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(unit.getProcessInstanceKey()).name("panelDraw"))
                .send()
                .join()
                .items())
        .isEmpty();
    eachExpertWasToldOnceOfTheirSheet();
    tendering.closeObjectionWindow();
    assertThat(unit).hasVariable("contractNo", contractNo("HQ"));

    processTest.setTime(at("2016-08-30T10:00"));
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_SignContract", unit.getProcessInstanceKey()),
        contractSigning("2016-08-30"));

    assertThat(unit)
        .isActive()
        .hasCompletedElementsInOrder(
            "Task_ScheduleTender",
            "Timer_BidDeadline",
            "Task_QualifiedBids",
            "Task_FormPanel",
            "Task_RankBids",
            "Task_EvaluationReport",
            "Task_ConfirmWinner",
            "Task_PublishAward",
            "Timer_ObjectionWindowClosed",
            "Task_AssignContractNumber",
            "Task_SignContract",
            "Task_PublishContract")
        .hasActiveElements("CallActivity_ServiceContract")
        .hasNotActivatedElements(
            "Task_RetenderOrSwitch",
            "Task_DeemFirstRanked",
            "Task_AnswerObjection",
            "Task_EscalateSigning");
    assertThat(Kunshan2016.children(client, unit.getProcessInstanceKey(), "bid-team-conformity"))
        .hasSize(3);

    // the contract is worth the awarded price, 780,000 CNY, not the 800,000 CNY budget
    long contract = childInstance(client, unit.getProcessInstanceKey(), "service-contract");
    Kunshan2016.approveTranche(client, "finance1");
    assertThat(ProcessInstanceSelectors.byKey(contract))
        .hasCompletedElements("CallActivity_PayFirstTranche")
        .hasActiveElements("SubProcess_Delivery", "Timer_EvaluationDate")
        .hasVariable("contractValueFen", 78_000_000)
        .hasVariable("awardedPriceFen", 78_000_000)
        .hasVariable("budgetFen", 80_000_000);
    assertThat(ledger.paymentsOf(contractNo("HQ")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.paymentId()).isEqualTo(paymentId("HQ", 1, 1));
              assertThat(p.amountFen()).isEqualTo(23_400_000L);
            });
    assertThat(outbox.find("notice.announcement", projectNo("HQ")))
        .singleElement()
        .satisfies(m -> assertThat(m.body()).contains("最高限价800000.00元", "价格分权重20%"));
    assertThat(outbox.find("notice.award", projectNo("HQ")))
        .singleElement()
        .satisfies(m -> assertThat(m.body()).contains("成交金额780000.00元"));
    assertThat(outbox.find("letter.result", projectNo("HQ"))).hasSize(2);
    assertThat(outbox.find("notice.contract", contractNo("HQ"))).hasSize(1);
    // bonds: the two others from the award notice (12 Aug + 5 WD), the winner's from signing
    assertThat(outbox.find("payment.bond-refund", projectNo("HQ")))
        .extracting(m -> m.messageId())
        .containsExactlyInAnyOrder(
            projectNo("HQ") + ":tender:1:bond-refund:" + HENGAI,
            projectNo("HQ") + ":tender:1:bond-refund:" + LEREN,
            projectNo("HQ") + ":tender:1:bond-refund:" + SUNSHINE);

    // the award and the contract are on the public notice board, without login, and in its feed
    String board = httpGet("/notices?projectNo=" + projectNo("HQ"));
    assertThat(board).contains("成交结果公告").contains("共 3 条公告");
    String award = outbox.find("notice.award", projectNo("HQ")).get(0).messageId();
    assertThat(
            httpGet(
                "/notices/"
                    + java.net.URLEncoder.encode(award, java.nio.charset.StandardCharsets.UTF_8)))
        .contains("成交金额780000.00元")
        .contains("成交供应商确定之日起2个工作日内")
        // the fields the award notice template requires, in Chinese
        .contains("<dt>项目名称</dt><dd>花桥经济开发区社区社会工作服务项目</dd>")
        .contains("<dt>采购人</dt><dd>昆山市民政局</dd>")
        .contains("<dt>采购代理机构</dt>")
        .contains("<dt>预算金额</dt><dd>800000.00元（每合同年度）</dd>")
        .contains("<dt>最高限价</dt>")
        .contains("<dt>成交供应商</dt><dd>昆山市阳光社会工作服务社</dd>")
        .contains("<dt>成交金额</dt><dd>780000.00元</dd>")
        .contains("<dt>评审委员会成员</dt>")
        .contains("（采购人代表）")
        .contains("/attachments/1\">成交通知书-" + projectNo("HQ") + ".pdf</a>");
    // the committee by name only: five members, no score of anyone, no contact
    assertThat(outbox.find("notice.award", projectNo("HQ")).get(0).fields().get("committee"))
        .satisfies(names -> assertThat(names.split("、")).hasSize(5))
        .doesNotContainPattern("[0-9]")
        .doesNotContain("@")
        .isEqualTo(
            Kunshan2016.variable(
                client,
                unit.getProcessInstanceKey(),
                "awardCommittee",
                new com.fasterxml.jackson.core.type.TypeReference<String>() {}));
    theEvaluationReportAndTheSheetsAreTheOrganisersOnly();
    // the award notice PDF, to an anonymous visitor, through the board
    java.net.http.HttpResponse<byte[]> pdf =
        httpGetBytes(
            "/notices/"
                + java.net.URLEncoder.encode(award, java.nio.charset.StandardCharsets.UTF_8)
                + "/attachments/1");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(io.civicflow.workers.documents.PdfText.of(pdf.body()))
        .contains("昆山市阳光社会工作服务社")
        .contains("780000.00");
    // nothing but what a notice links: no second attachment, no letter's
    assertThat(
            httpGetBytes(
                    "/notices/"
                        + java.net.URLEncoder.encode(award, java.nio.charset.StandardCharsets.UTF_8)
                        + "/attachments/2")
                .statusCode())
        .isEqualTo(404);
    assertThat(
            httpGetBytes(
                    "/notices/"
                        + java.net.URLEncoder.encode(
                            projectNo("HQ") + ":award:1:letter:" + SUNSHINE,
                            java.nio.charset.StandardCharsets.UTF_8)
                        + "/attachments/1")
                .statusCode())
        .isEqualTo(404);
    assertThat(httpGet("/notices/feed.atom")).contains("urn:civicflow:notice:" + award);
    // the contract notice links the contract itself (条例 Art 50), the text generated from the
    // tender documents and the award, to an anonymous visitor; never the signed scan
    String contractNotice =
        java.net.URLEncoder.encode(
            outbox.find("notice.contract", contractNo("HQ")).get(0).messageId(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(httpGet("/notices/" + contractNotice))
        .contains("/attachments/1\">合同草案-" + contractNo("HQ") + ".pdf</a>");
    java.net.http.HttpResponse<byte[]> contractPdf =
        httpGetBytes("/notices/" + contractNotice + "/attachments/1");
    assertThat(contractPdf.statusCode()).isEqualTo(200);
    assertThat(contractPdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(io.civicflow.workers.documents.PdfText.of(contractPdf.body()))
        .contains(contractNo("HQ"))
        .contains("昆山市阳光社会工作服务社")
        .contains(projectNo("HQ"));
    assertThat(httpGetBytes("/notices/" + contractNotice + "/attachments/2").statusCode())
        .isEqualTo(404);
    assertThat(httpGet("/notices?projectNo=" + projectNo("HQ")))
        .doesNotContain("评审结果告知")
        .doesNotContain("保证金");
  }

  /**
   * The contract page and its audit trail after signing: the bureau's readers see the evaluation
   * report and each member's scoring task with its form; the provider (a bidder of the tender) and
   * the district see who scored — public since the award notice — but neither the report nor a
   * member's sheet.
   */
  private void theEvaluationReportAndTheSheetsAreTheOrganisersOnly() {
    io.civicflow.workers.overview.OverviewViews.ContractPage organisers =
        overview.contract(contractNo("HQ"), true);
    io.civicflow.workers.overview.OverviewViews.ContractPage others =
        overview.contract(contractNo("HQ"), false);
    assertThat(organisers.processInstanceKeys())
        .as("the engine's instances of the project")
        .contains(unit.getProcessInstanceKey());
    assertThat(organisers.documents())
        .as("documents %s, people %s", organisers.documents(), organisers.people())
        .anySatisfy(d -> assertThat(fileName(d)).startsWith("评审报告-"));
    assertThat(others.documents())
        .isNotEmpty()
        .noneSatisfy(d -> assertThat(fileName(d)).startsWith("评审报告-"));
    List<io.civicflow.workers.overview.OverviewViews.AuditEntry> sheetsSeenByTheBureau =
        overview.contractTrail(contractNo("HQ"), true).entries().stream()
            .filter(e -> e.what().equals("评审专家独立评分"))
            .toList();
    assertThat(sheetsSeenByTheBureau)
        .hasSize(5)
        .allSatisfy(e -> assertThat(e.fields()).isNotEmpty());
    List<io.civicflow.workers.overview.OverviewViews.AuditEntry> trail =
        overview.contractTrail(contractNo("HQ"), false).entries();
    assertThat(trail)
        .filteredOn(e -> e.what().equals("评审专家独立评分"))
        .hasSize(5)
        .allSatisfy(e -> assertThat(e.fields()).isEmpty());
    assertThat(trail).noneSatisfy(e -> assertThat(e.what()).startsWith("评审报告-"));
  }

  private static String fileName(Map<String, Object> reference) {
    return String.valueOf(((Map<?, ?>) reference.get("metadata")).get("fileName"));
  }

  @Autowired private io.civicflow.workers.overview.RoundOverview overview;

  @org.springframework.boot.test.web.server.LocalServerPort private int port;

  /** A GET without credentials, as a visitor of the notice board sends it; must answer 200. */
  private String httpGet(String path) {
    try {
      java.net.http.HttpResponse<String> response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://127.0.0.1:" + port + path))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      return response.body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A GET without credentials of a document the board serves. */
  private java.net.http.HttpResponse<byte[]> httpGetBytes(String path) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + port + path))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The score sheet's assigning listener ({@code notify.task-assigned}) told each drawn expert
   * once, in the inbox, that their sheet was out: one listener job per sheet, one entry per expert.
   */
  private void eachExpertWasToldOnceOfTheirSheet() {
    List<String> listenerMessages =
        client
            .newJobSearchRequest()
            .filter(
                f ->
                    f.processInstanceKey(unit.getProcessInstanceKey())
                        .elementId("Task_ExpertScoring")
                        .kind(JobKind.TASK_LISTENER)
                        .listenerEventType(ListenerEventType.ASSIGNING))
            .send()
            .join()
            .items()
            .stream()
            .map(job -> "notify.task-assigned:" + job.getJobKey())
            .toList();
    assertThat(listenerMessages).hasSize(5);
    // the members are named on their tasks (the seat listener assigned them), in no variable
    List<String> panel =
        client
            .newUserTaskSearchRequest()
            .filter(
                f ->
                    f.processInstanceKey(unit.getProcessInstanceKey())
                        .elementId("Task_ExpertScoring"))
            .send()
            .join()
            .items()
            .stream()
            .map(io.camunda.client.api.search.response.UserTask::getAssignee)
            .toList();
    assertThat(panel).hasSize(5).doesNotContainNull().doesNotHaveDuplicates();
    for (String expert : panel) {
      assertThat(inbox.of(expert))
          .as(expert)
          .filteredOn(entry -> listenerMessages.contains(entry.messageId()))
          .singleElement()
          .satisfies(
              entry -> {
                assertThat(entry.title()).isEqualTo("评审专家独立评分：您的评分表已发出");
                assertThat(entry.businessKey()).isEqualTo(projectNo("HQ"));
              });
    }
  }

  @Test
  void anObjectionDuringTheWindowSuspendsSigningUntilItIsAnswered() {
    tenderOn1August("GXQ", "昆山高新区");
    tendering.receiveThreeBids();
    tendering.evaluateAndAward();

    processTest.setTime(at("2016-08-18T10:00"));
    client
        .newPublishMessageCommand()
        .messageName("ObjectionFiled")
        .correlationKey(projectNo("GXQ"))
        .timeToLive(Duration.ofDays(1))
        .variables(
            Map.of(
                "objection",
                Map.of(
                    "supplier", "昆山市恒爱社会工作服务中心",
                    "supplierId", HENGAI,
                    "email", "objections@hengai.example",
                    "grounds", "对价格分计算提出质疑",
                    "affectsResult", true)))
        .send()
        .join();
    assertThat(unit).hasActiveElements("Task_AnswerObjection");
    assertThat(UserTaskSelectors.byElementId("Task_AnswerObjection"))
        .hasDueDate("2016-08-29T09:00:00.000Z");

    // the window's deadline passes while the objection is open: signing waits
    processTest.setTime(at("2016-08-25T10:00"));
    assertThat(unit)
        .hasActiveElements("Task_AnswerObjection")
        .hasNotActivatedElements(
            "Timer_ObjectionWindowClosed", "Task_AssignContractNumber", "Task_SignContract");

    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_AnswerObjection", unit.getProcessInstanceKey()),
        Map.of(
            "objectionUpheld", false,
            "affectsResult", false,
            "objectionReply", "经复核，价格分按采购文件计算无误，质疑不成立"));

    assertThat(unit)
        .hasCompletedElementsInOrder(
            "Message_Objection",
            "Task_RegisterObjection",
            "Task_AnswerObjection",
            "Gateway_ObjectionOutcome",
            "Timer_ObjectionWindowClosed",
            "Task_AssignContractNumber")
        .hasActiveElements("Task_SignContract")
        .hasVariable("objectionsFiled", 1)
        .hasVariableSatisfies(
            "winner", Map.class, winner -> assertThat(winner.get("bidderId")).isEqualTo(SUNSHINE));
    assertThat(outbox.find("notice.award", projectNo("GXQ"))).hasSize(1);
    // the answer reaches the objecting supplier's people and the address it gave, in writing, and
    // the other bidders concerned (94号令 Art 13)
    for (String address :
        List.of(
            "objections@hengai.example",
            "wanglei@hengai.example.org.cn",
            "liuyang@sunshine.example.org.cn")) {
      assertThat(MailTestServer.shared().mailsTo(address))
          .filteredOn(
              mail -> subject(mail).contains("质疑答复") && subject(mail).contains(projectNo("GXQ")))
          .singleElement()
          .satisfies(
              mail ->
                  assertThat(content(mail))
                      .contains("质疑不成立")
                      .contains("经复核，价格分按采购文件计算无误")
                      .contains("15个工作日内向同级财政部门投诉"));
    }
  }

  private static String subject(jakarta.mail.internet.MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String content(jakarta.mail.internet.MimeMessage mail) {
    try {
      return (String) mail.getContent();
    } catch (jakarta.mail.MessagingException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aContractNotSignedBy31AugustIsEscalatedToTheBureau() {
    tenderOn1August("KFQ", "昆山开发区");
    tendering.receiveThreeBids();
    tendering.evaluateAndAward();
    tendering.closeObjectionWindow();
    // signing opened on 24 August at 17:00: the reminder waits for the next working morning
    assertThat(unit)
        .hasVariable("signReminderAt", "2016-08-25T09:00:00+08:00")
        .hasNotActivatedElements("Timer_SignReminder", "Task_SendSignReminder");
    assertThat(outbox.find("notify.sign-reminder", contractNo("KFQ"))).isEmpty();

    processTest.setTime(at("2016-08-25T09:00"));
    assertThat(unit).hasCompletedElements("Timer_SignReminder", "Task_SendSignReminder");
    assertThat(outbox.find("notify.sign-reminder", contractNo("KFQ"))).hasSize(1);
    assertThat(unit).hasNotActivatedElements("Timer_SignDeadlinePassed", "Task_EscalateSigning");

    processTest.setTime(at("2016-09-01T00:00"));

    // the escalation goes to the finance department, not to the office that missed the deadline
    assertThat(unit)
        .hasCompletedElements("Timer_SignDeadlinePassed")
        .hasActiveElements("Task_SignContract", "Task_EscalateSigning");
    assertThat(UserTaskSelectors.byElementId("Task_EscalateSigning"))
        .isCreated()
        .hasCandidateGroup("finance")
        .hasPriority(100);
    // and the finance department's people are told so, in their inbox and by mail: why, the
    // deadline that passed and a link
    assertThat(outbox.find("notify.signing-escalation", contractNo("KFQ")))
        .singleElement()
        .satisfies(m -> assertThat(m.recipientGroup()).isEqualTo("finance"));
    assertThat(directory.members("finance")).isNotEmpty();
    for (Recipient person : directory.members("finance")) {
      assertThat(inbox.of(person.userId()))
          .as(person.userId())
          .filteredOn(e -> e.title().equals("服务合同逾期未签，请督办：昆山开发区"))
          .hasSize(1);
      assertThat(MailTestServer.shared().mailsTo(person.email()))
          .as(person.email())
          .filteredOn(mail -> subject(mail).contains("服务合同逾期未签，请督办：昆山开发区"))
          .singleElement()
          .satisfies(
              mail ->
                  assertThat(content(mail))
                      .contains(contractNo("KFQ"))
                      .contains("应于2016-08-31前签订，截至签约期限仍未签订")
                      .contains("查看与办理：http"));
    }

    // the finance department intervenes and the contract is signed late, at the awarded price
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_EscalateSigning", unit.getProcessInstanceKey()),
        Map.of(
            "signingEscalation",
            Map.of("action", "约谈成交供应商，限期签约", "expectedSignDate", "2016-09-02")));
    processTest.setTime(at("2016-09-02T10:00"));
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_SignContract", unit.getProcessInstanceKey()),
        contractSigning("2016-09-02"));
    assertThat(unit)
        .hasCompletedElements(
            "EndEvent_SignEscalationHandled", "Task_PublishContract", "EndEvent_SignReminderSent")
        .hasActiveElements("CallActivity_ServiceContract");
  }

  @Test
  void aBidAboveTheCeilingIsInvalidAtConformityReviewWithItsReason() {
    tenderOn1August("ZP", "张浦镇");
    tendering.bidOnline(SUNSHINE, "昆山市阳光社会工作服务社", 78_000_000L);
    tendering.bidOnline(HENGAI, "昆山市恒爱社会工作服务中心", 76_000_000L);
    tendering.bidOnPaper(LEREN, "苏州乐仁社会工作服务社", 1_200_000L);

    tendering.evaluateAndAward(2);

    assertThat(unit)
        .hasVariableSatisfies(
            "conformity",
            List.class,
            conformity ->
                assertThat(conformity)
                    .anySatisfy(
                        c -> {
                          Map<?, ?> entry = (Map<?, ?>) c;
                          assertThat(entry.get("bidderId")).isEqualTo(LEREN);
                          assertThat(entry.get("teamConforms")).isEqualTo(false);
                          assertThat(entry.get("nonConformities").toString())
                              .contains("投标报价1200000.00元超过最高限价800000.00元");
                        }))
        .hasVariableSatisfies("ranking", List.class, ranking -> assertThat(ranking).hasSize(2))
        .hasVariable("awardedPriceFen", 78_000_000);
    // the disqualified bidder gets its bond back from the award notice, like the losing one
    assertThat(outbox.find("payment.bond-refund", projectNo("ZP")))
        .extracting(m -> m.messageId())
        .containsExactlyInAnyOrder(
            projectNo("ZP") + ":tender:1:bond-refund:" + HENGAI,
            projectNo("ZP") + ":tender:1:bond-refund:" + LEREN);
  }

  @Test
  void aPaperBidHandedInAfterTheDeadlineIsRefusedWithItsTimeOfReceipt() {
    tenderOn1August("QD", "千灯镇");
    tendering.bidOnline(SUNSHINE, "昆山市阳光社会工作服务社", 78_000_000L);
    tendering.bidOnPaper(LEREN, "苏州乐仁社会工作服务社", 790_000L, "2016-08-11T09:20+08:00");

    assertThat(unit)
        .hasVariableSatisfies("bids", List.class, bids -> assertThat(bids).hasSize(1))
        .hasVariableSatisfies(
            "refusedBids",
            List.class,
            refused ->
                assertThat(refused)
                    .singleElement()
                    .satisfies(
                        r -> {
                          Map<?, ?> entry = (Map<?, ?>) r;
                          assertThat(entry.get("receivedAt"))
                              .isEqualTo("2016-08-11T09:20:00+08:00");
                          assertThat(entry.get("reason").toString()).contains("不予接收");
                        }));
  }

  @Test
  void aWinnerWhoRefusesToSignIsReplacedByTheNextRankedSupplierWhoSigns() {
    tenderOn1August("LX", "陆家镇");
    tendering.receiveThreeBids();
    tendering.evaluateAndAward();
    tendering.closeObjectionWindow();

    processTest.setTime(at("2016-08-26T10:00"));
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_SignContract", unit.getProcessInstanceKey()),
        Map.of("signingOutcome", "REFUSED", "refusalReason", "成交供应商书面告知无法按成交报价履约，拒绝签订合同"));
    assertThat(unit)
        .hasActiveElements("Task_DecideAfterRefusal")
        .hasVariable("refusedToSign", List.of(SUNSHINE));
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_DecideAfterRefusal", unit.getProcessInstanceKey()),
        Map.of("refusalDecision", "NEXT_RANKED", "refusalDecisionNote", "按评审报告排序确定第二名为成交供应商"));

    // a new award notice for the second-ranked, with its own objection window
    assertThat(unit)
        .hasCompletedElements("Task_NextRanked")
        .hasVariableSatisfies(
            "winner", Map.class, winner -> assertThat(winner.get("bidderId")).isEqualTo(LEREN))
        .hasVariable("awardAttempt", 2)
        .hasVariable("awardedPriceFen", 79_000_000)
        .hasVariable("objectionDeadline", "2016-09-07T17:00:00+08:00");
    assertThat(outbox.find("notice.award", projectNo("LX"))).hasSize(2);
    processTest.setTime(at("2016-09-07T17:00"));
    assertThat(unit).hasActiveElements("Task_SignContract");

    processTest.setTime(at("2016-09-08T10:00"));
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_SignContract", unit.getProcessInstanceKey()),
        contractSigning("2016-09-08"));

    long contract = childInstance(client, unit.getProcessInstanceKey(), "service-contract");
    assertThat(ProcessInstanceSelectors.byKey(contract))
        .hasVariable("providerOrgId", LEREN)
        .hasVariable("contractValueFen", 79_000_000);
    // the refusing winner's bond is kept; the new winner's went back once, from the first notice
    assertThat(outbox.find("payment.bond-refund", projectNo("LX")))
        .extracting(m -> m.messageId())
        .containsExactlyInAnyOrder(
            projectNo("LX") + ":tender:1:bond-refund:" + HENGAI,
            projectNo("LX") + ":tender:1:bond-refund:" + LEREN);
  }

  /**
   * The award of 12 August; an objection (affecting the result) on 18 August answered as unfounded
   * on 25 August; on 26 August the objector complains to the finance department while signing is
   * open.
   */
  private void complaintAfterTheObjectionReply(String unitCode, String unitName) {
    tenderOn1August(unitCode, unitName);
    tendering.receiveThreeBids();
    tendering.evaluateAndAward();
    processTest.setTime(at("2016-08-18T10:00"));
    client
        .newPublishMessageCommand()
        .messageName("ObjectionFiled")
        .correlationKey(projectNo(unitCode))
        .timeToLive(Duration.ofDays(1))
        .variables(
            Map.of(
                "objection",
                Map.of(
                    "supplier", "昆山市恒爱社会工作服务中心",
                    "grounds", "对技术评分提出质疑",
                    "affectsResult", true)))
        .send()
        .join();
    processTest.setTime(at("2016-08-25T10:00"));
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_AnswerObjection", unit.getProcessInstanceKey()),
        Map.of(
            "objectionUpheld", false,
            "affectsResult", false,
            "objectionReply", "评分符合评分办法，质疑不成立"));
    assertThat(unit).hasActiveElements("Task_SignContract");

    // the objector, not satisfied with the reply, complains to the finance department
    processTest.setTime(at("2016-08-26T10:00"));
    client
        .newPublishMessageCommand()
        .messageName("ProcurementComplaintLodged")
        .correlationKey(projectNo(unitCode))
        .timeToLive(Duration.ofDays(1))
        .variables(
            Map.of("complaint", Map.of("complainant", "昆山市恒爱社会工作服务中心", "grounds", "质疑答复未说明评分理由")))
        .send()
        .join();
  }

  @Test
  void aComplaintAfterTheObjectionReplySuspendsSigningUntilTheFinanceDepartmentDecides() {
    complaintAfterTheObjectionReply("BC", "巴城镇");

    assertThat(unit)
        .hasTerminatedElements("Task_SignContract")
        .hasCompletedElements("Message_ComplaintWhileSigning", "Task_RegisterComplaint")
        .hasActiveElements("Task_DecideComplaint");
    assertThat(UserTaskSelectors.byElementId("Task_DecideComplaint"))
        .hasCandidateGroup("finance")
        .hasDueDate("2016-10-13T09:00:00.000Z");
    assertThat(unit)
        .hasVariableSatisfies(
            "complaint",
            Map.class,
            complaint -> assertThat(complaint.get("objectionAnswered")).isEqualTo(true));

    processTest.setTime(at("2016-09-05T10:00"));
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_DecideComplaint", unit.getProcessInstanceKey()),
        Map.of("complaintDecision", "DISMISSED", "complaintDecisionText", "投诉缺乏事实依据，驳回投诉"));

    assertThat(unit)
        .hasCompletedElements("Gateway_ComplaintOutcome")
        .hasActiveElements("Task_SignContract")
        .hasVariable("complaintDecision", "DISMISSED")
        .hasVariableSatisfies(
            "winner", Map.class, winner -> assertThat(winner.get("bidderId")).isEqualTo(SUNSHINE));
  }

  @Test
  void aComplaintUpheldWithAReAwardGoesToTheNextRankedSupplierWhoSigns() {
    complaintAfterTheObjectionReply("ZZ", "周庄镇");
    List<Map<String, Object>> ranking =
        variable(
            client,
            unit.getProcessInstanceKey(),
            "ranking",
            new TypeReference<List<Map<String, Object>>>() {});

    processTest.setTime(at("2016-09-05T10:00"));
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_DecideComplaint", unit.getProcessInstanceKey()),
        Map.of(
            "complaintDecision",
            "REAWARD",
            "complaintWinnerBidderId",
            ranking.get(1).get("bidderId"),
            "complaintWinner",
            ranking.get(1),
            "complaintDecisionText",
            "评分有误，投诉成立，依法另行确定排序第二的供应商为成交供应商"));

    // a new award notice for the next-ranked, with its own objection window, then signing
    assertThat(unit)
        .hasCompletedElements("Gateway_ComplaintOutcome")
        .hasVariable("complaintDecision", "REAWARD")
        .hasVariableSatisfies(
            "winner", Map.class, winner -> assertThat(winner.get("bidderId")).isEqualTo(LEREN))
        .hasVariable("awardAttempt", 2)
        .hasVariable("awardedPriceFen", 79_000_000)
        .isWaitingForMessage("ObjectionFiled", projectNo("ZZ"));
    assertThat(outbox.find("notice.award", projectNo("ZZ"))).hasSize(2);
    String objectionDeadline =
        variable(
            client,
            unit.getProcessInstanceKey(),
            "objectionDeadline",
            new TypeReference<String>() {});
    processTest.setTime(OffsetDateTime.parse(objectionDeadline).toInstant());
    assertThat(unit).hasActiveElements("Task_SignContract");

    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_SignContract", unit.getProcessInstanceKey()),
        contractSigning(objectionDeadline.substring(0, 10)));
    long contract = childInstance(client, unit.getProcessInstanceKey(), "service-contract");
    assertThat(ProcessInstanceSelectors.byKey(contract))
        .hasVariable("providerOrgId", LEREN)
        .hasVariable("contractValueFen", 79_000_000);
  }

  @Test
  void aComplaintUpheldWithAReProcurementTendersTheUnitAgain() {
    complaintAfterTheObjectionReply("JX", "锦溪镇");

    processTest.setTime(at("2016-09-05T10:00"));
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_DecideComplaint", unit.getProcessInstanceKey()),
        Map.of(
            "complaintDecision", "REPROCURE",
            "complaintDecisionText", "采购文件存在歧视性条款，影响采购结果，责令重新开展采购活动"));

    assertThat(unit)
        .hasCompletedElements("Gateway_ComplaintOutcome", "Task_ResetBids")
        .hasActiveElements("Task_PrepareTenderDocuments")
        .hasVariable("bids", List.of());

    // the unit is tendered again; the first attempt's bids do not come back
    tendering.publishTender();
    assertThat(unit)
        .hasVariable("tenderAttempt", 2)
        .hasVariable("bids", List.of())
        .hasNotActivatedElements("Task_PublishContract");
    tendering.bidOnline(HENGAI, "昆山市恒爱社会工作服务中心", 76_000_000L, 2);
    assertThat(unit).hasVariableSatisfies("bids", List.class, bids -> assertThat(bids).hasSize(1));
  }

  @Test
  void anOnlineBidArrivingAfterTheDeadlineIsRefusedWithItsTimeOfReceiptAndNotRanked() {
    tenderOn1August("TL", "亭林城市管理片区");
    tendering.receiveThreeBids();
    processTest.setTime(at("2016-08-11T09:00"));
    assertThat(unit).hasActiveElements("Task_ExpertScoring");

    // the e-procurement platform forwards a bid 90 minutes after the window closed
    processTest.setTime(at("2016-08-11T10:30"));
    tendering.bidOnline(LATECOMER, "昆山市迟到社会工作服务社", 70_000_000L);

    assertThat(unit)
        .hasCompletedElements("Message_LateBidWhileScoring", "Task_RefuseLateBid")
        .hasActiveElements("Task_ExpertScoring")
        .hasVariableSatisfies("bids", List.class, bids -> assertThat(bids).hasSize(3))
        .hasVariableSatisfies(
            "refusedBids",
            List.class,
            refused ->
                assertThat(refused)
                    .singleElement()
                    .satisfies(
                        r -> {
                          Map<?, ?> entry = (Map<?, ?>) r;
                          assertThat(entry.get("bidderId")).isEqualTo(LATECOMER);
                          assertThat(entry.get("receivedAt"))
                              .isEqualTo("2016-08-11T10:30:00+08:00");
                          assertThat(entry.get("reason").toString()).contains("已过递交截止时间", "不予接收");
                        }));

    tendering.scoreAndConfirm("2016-08-11", "2016-08-12T10:00");
    assertThat(unit)
        .hasVariableSatisfies(
            "ranking",
            List.class,
            ranking ->
                assertThat(ranking)
                    .hasSize(3)
                    .noneSatisfy(
                        r -> assertThat(((Map<?, ?>) r).get("bidderId")).isEqualTo(LATECOMER)))
        .hasVariableSatisfies(
            "winner", Map.class, winner -> assertThat(winner.get("bidderId")).isEqualTo(SUNSHINE))
        .hasVariable("awardedPriceFen", 78_000_000);
  }

  @Test
  void tooFewBidsThenAnApprovedSwitchToSingleSourceAwardsTheOneSupplier() {
    tenderOn1August("ZY", "周市镇");
    tendering.bidOnline(SUNSHINE, "昆山市阳光社会工作服务社", 78_000_000L);
    processTest.setTime(at("2016-08-11T09:00"));
    assertThat(unit).hasActiveElements("Task_RetenderOrSwitch");

    processTest.setTime(at("2016-08-11T10:00"));
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_RetenderOrSwitch", unit.getProcessInstanceKey()),
        Map.of(
            "retenderDecision", "SWITCH_METHOD",
            "newMethod", "单一来源采购",
            "methodChangeApprovalRef", "昆财采〔2016〕88号",
            "retenderReason", "仅一家供应商响应，经批准采用单一来源采购"));
    assertThat(unit)
        .hasCompletedElements("Task_RecomputeMethod", "Task_ResetBids")
        .hasActiveElements("Task_PrepareTenderDocuments")
        .hasVariable("method", "单一来源采购")
        .hasVariable("minimumBids", 1)
        .hasVariable("methodChangeApprovalRef", "昆财采〔2016〕88号");

    tendering.publishTender();
    // documents available 5 working days from Thursday 11 August: Thursday 18 August, 17:00
    assertThat(unit)
        .hasVariable("tenderAttempt", 2)
        .hasVariable("bidDeadline", "2016-08-18T17:00:00+08:00");
    tendering.bidOnline(SUNSHINE, "昆山市阳光社会工作服务社", 77_000_000L, 2);
    processTest.setTime(at("2016-08-18T17:00"));
    assertThat(unit)
        .hasCompletedElements("CallActivity_Conformity", "Task_FormPanel")
        .hasVariableSatisfies("qualifiedBids", List.class, bids -> assertThat(bids).hasSize(1));
    tendering.scoreAndConfirm("2016-08-18", "2016-08-19T10:00");

    assertThat(unit)
        .hasVariableSatisfies(
            "winner", Map.class, winner -> assertThat(winner.get("bidderId")).isEqualTo(SUNSHINE))
        .hasVariable("awardedPriceFen", 77_000_000);
    assertThat(outbox.find("notice.announcement", projectNo("ZY")))
        .filteredOn(m -> m.title().equals("周市镇社区社会工作服务项目单一来源采购公告（第2次）"))
        .singleElement()
        .satisfies(m -> assertThat(m.body()).contains("经财政部门批准变更（昆财采〔2016〕88号）"));
  }
}
