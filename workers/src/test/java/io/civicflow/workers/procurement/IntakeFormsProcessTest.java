package io.civicflow.workers.procurement;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.civicflow.workers.procurement.Kunshan2016.at;
import static io.civicflow.workers.procurement.Kunshan2016.projectNo;
import static io.civicflow.workers.procurement.Kunshan2016.unitOfRound;
import static io.civicflow.workers.procurement.Tendering.HENGAI;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import io.civicflow.workers.testing.MailTestServer;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A supplier's 质疑 and its clarification question reach the unit's procurement through the start
 * forms {@code supplier-challenge} and {@code clarification-question}, with the variables the
 * console's start form sends (the form's fields and {@code startedBy}), not through the REST API;
 * the supplier is told by inbox and mail what became of them.
 */
@EmbeddedEngineProcessTest
class IntakeFormsProcessTest {

  /** provider2 (恒爱)'s address in the built-in users file. */
  private static final String HENGAI_MAIL = "wanglei@hengai.example.org.cn";

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private Outbox outbox;

  private ProcessInstanceEvent unit;
  private Tendering tendering;

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
  }

  /** What the console's start form sends: the form's fields and who filed it. */
  private ProcessInstanceEvent startForm(String processId, Map<String, Object> fields) {
    Map<String, Object> variables = new HashMap<>(fields);
    variables.put("startedBy", "provider2");
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join();
  }

  @Test
  void aClarificationQuestionIsAnsweredAndIssuedAsACorrectionNotice() {
    tenderOn1August("ZZ", "周庄镇");
    processTest.setTime(at("2016-08-03T10:00"));
    ProcessInstanceEvent question =
        startForm(
            "clarification-question",
            Map.of(
                "projectNo", projectNo("ZZ"),
                "supplier", "昆山市恒爱社会工作服务中心",
                "question", "采购需求第三章服务人数为3000人还是3500人？",
                "email", ""));
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_AnswerQuestion", question.getProcessInstanceKey()),
        Map.of(
            "answer", "服务人数为3500人，以本答复为准。",
            "issueClarification", true,
            "clarification", "采购需求第三章服务人数更正为3500人"));

    assertThat(question).isCompleted().hasCompletedElements("EndEvent_Issued");
    assertThat(unit)
        .hasCompletedElements("Task_MoveBidDeadline")
        .hasVariable("clarificationsIssued", 1);
    assertThat(outbox.find("notice.correction", projectNo("ZZ")))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.fields().get("correction")).contains("服务人数更正为3500人");
              // the supplier who asked is not named (87号令 Art 27)
              assertThat(m.toString()).doesNotContain("恒爱");
            });
    assertThat(mails(HENGAI_MAIL, "澄清问题答复：" + projectNo("ZZ")))
        .singleElement()
        .satisfies(mail -> assertThat(content(mail)).contains("服务人数为3500人"));
  }

  @Test
  void aBidderFilesAnObjectionThroughItsFormAndOneForAProjectWithoutAWindowIsNotAccepted() {
    tenderOn1August("JX", "锦溪镇");
    tendering.receiveThreeBids();
    tendering.evaluateAndAward();
    processTest.setTime(at("2016-08-18T10:00"));

    ProcessInstanceEvent objection =
        startForm(
            "supplier-challenge",
            Map.of(
                "kind", "OBJECTION",
                "projectNo", projectNo("JX"),
                "supplier", "昆山市恒爱社会工作服务中心",
                "supplierId", HENGAI,
                "grounds", "价格分未按采购文件规定的公式计算",
                "affectsResult", true,
                "email", ""));
    assertThat(objection).isCompleted().hasCompletedElements("EndEvent_Received");
    assertThat(unit).hasActiveElements("Task_AnswerObjection");
    assertThat(UserTaskSelectors.byElementId("Task_AnswerObjection", unit.getProcessInstanceKey()))
        .isCreated();
    assertThat(mails(HENGAI_MAIL, "质疑已送达采购代理机构：" + projectNo("JX")))
        .singleElement()
        .satisfies(mail -> assertThat(content(mail)).contains("7个工作日内作出书面答复"));

    ProcessInstanceEvent wrong =
        startForm(
            "supplier-challenge",
            Map.of(
                "kind", "OBJECTION",
                "projectNo", "KSCG-2016-XX",
                "supplier", "昆山市恒爱社会工作服务中心",
                "supplierId", HENGAI,
                "grounds", "价格分未按采购文件规定的公式计算",
                "email", "legal@hengai.example"));
    assertThat(wrong).isCompleted().hasCompletedElements("EndEvent_NotAccepted");
    assertThat(mails("legal@hengai.example", "质疑未能受理：KSCG-2016-XX"))
        .singleElement()
        .satisfies(mail -> assertThat(content(mail)).contains("受理期限已过"));
    assertThat(mails(HENGAI_MAIL, "质疑未能受理：KSCG-2016-XX")).hasSize(1);
  }

  private static List<MimeMessage> mails(String address, String subject) {
    return MailTestServer.shared().mailsTo(address).stream()
        .filter(mail -> subject(mail).contains(subject))
        .toList();
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String content(MimeMessage mail) {
    try {
      return (String) mail.getContent();
    } catch (jakarta.mail.MessagingException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
