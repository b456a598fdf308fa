package io.civicflow.workers.procurement;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.civicflow.workers.procurement.Kunshan2016.at;
import static io.civicflow.workers.procurement.Kunshan2016.childInstance;
import static io.civicflow.workers.procurement.Kunshan2016.contractNo;
import static io.civicflow.workers.procurement.Kunshan2016.paymentId;
import static io.civicflow.workers.procurement.Kunshan2016.projectNo;
import static io.civicflow.workers.procurement.Kunshan2016.unitOfRound;
import static io.civicflow.workers.procurement.Tendering.SUNSHINE;
import static io.civicflow.workers.procurement.Tendering.contractSigning;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.ProcessInstanceSelectors;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.payment.PaymentLedger;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.time.Duration;
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
        .hasVariableSatisfies("scoreSheets", List.class, sheets -> assertThat(sheets).hasSize(5));
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

    long contract = childInstance(client, unit.getProcessInstanceKey(), "service-contract");
    Kunshan2016.approveTranche(client, "finance1");
    assertThat(ProcessInstanceSelectors.byKey(contract))
        .hasCompletedElements("CallActivity_PayFirstTranche")
        .hasActiveElements("SubProcess_Delivery", "Timer_EvaluationDate");
    assertThat(ledger.paymentsOf(contractNo("HQ")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.paymentId()).isEqualTo(paymentId("HQ", 1, 1));
              assertThat(p.amountFen()).isEqualTo(24_000_000L);
            });
    assertThat(outbox.find("notice.announcement", projectNo("HQ"))).hasSize(1);
    assertThat(outbox.find("notice.award", projectNo("HQ"))).hasSize(1);
    assertThat(outbox.find("letter.result", projectNo("HQ"))).hasSize(2);
    assertThat(outbox.find("notice.contract", contractNo("HQ"))).hasSize(1);
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
  }

  @Test
  void aContractNotSignedBy31AugustIsEscalatedToTheBureau() {
    tenderOn1August("KFQ", "昆山开发区");
    tendering.receiveThreeBids();
    tendering.evaluateAndAward();
    tendering.closeObjectionWindow();
    assertThat(unit).hasCompletedElements("Timer_SignReminder", "Task_SendSignReminder");
    assertThat(outbox.find("notify.sign-reminder", contractNo("KFQ"))).hasSize(1);

    processTest.setTime(at("2016-09-01T00:00"));

    assertThat(unit)
        .hasCompletedElements("Timer_SignDeadlinePassed")
        .hasActiveElements("Task_SignContract", "Task_EscalateSigning");
    assertThat(UserTaskSelectors.byElementId("Task_EscalateSigning"))
        .isCreated()
        .hasCandidateGroup("civil-affairs")
        .hasPriority(100);

    // the bureau head intervenes and the contract is signed late
    processTest.mockChildProcess(
        "service-contract", Map.of("totalPaidFen", 0, "contractOutcome", "MOCKED"));
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
        .isCompleted()
        .hasCompletedElements("EndEvent_SignEscalationHandled", "EndEvent_UnitDone");
  }
}
