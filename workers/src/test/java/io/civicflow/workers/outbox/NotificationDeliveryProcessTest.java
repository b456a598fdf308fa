package io.civicflow.workers.outbox;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.response.Incident;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import io.civicflow.workers.testing.MailFaults;
import io.civicflow.workers.testing.MailTestServer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code notify.send} on the embedded engine, mailing to the test's real SMTP server: a job that is
 * delivered again after it mailed sends nothing more; a mail server that is down makes the job fail
 * with retries and back-off into an incident, and once the server is back and the incident resolved
 * exactly one mail arrives.
 */
@EmbeddedEngineProcessTest
class NotificationDeliveryProcessTest {

  private static final MailTestServer SMTP = MailTestServer.shared();

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private RecipientDirectory directory;
  @Autowired private MailFaults mailFaults;
  @Autowired private Inbox inbox;

  @BeforeEach
  void deploy() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("notify-once")
            .startEvent()
            .serviceTask(
                "Task_Notify",
                task ->
                    task.zeebeJobType("notify.send")
                        .zeebeJobRetries("3")
                        .zeebeInputExpression("now()", "now"))
            .endEvent()
            .done();
    client.newDeployResourceCommand().addProcessModel(model, "notify-once.bpmn").send().join();
  }

  private ProcessInstanceEvent notify(String title, String recipients) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("notify-once")
        .latestVersion()
        .variables(
            Map.of(
                "topic", "notify.test",
                "recipientGroup", recipients,
                "title", title,
                "projectNo", "KSCG-2016-TEST",
                "deadline", "2016-08-31"))
        .send()
        .join();
  }

  private String address(String user) {
    return directory.user(user).orElseThrow().email();
  }

  private static List<MimeMessage> mails(String address, String title) {
    return SMTP.mailsTo(address).stream()
        .filter(
            m -> {
              try {
                return m.getSubject().contains(title);
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  @Test
  void aJobDeliveredAgainAfterItMailedSendsNoSecondMail() {
    String title = "签约期限提醒（重试）";
    mailFaults.crashOnceAfterMailing("notify.test:");

    ProcessInstanceEvent instance = notify(title, "user:civil1");

    assertThat(instance).isCompleted();
    assertThat(mails(address("civil1"), title)).hasSize(1);
    assertThat(inbox.of("civil1"))
        .filteredOn(e -> e.title().equals(title))
        .singleElement()
        .satisfies(e -> assertThat(e.mailedTo()).isEqualTo(address("civil1")));
  }

  @Test
  void aMailServerDownRaisesAnIncidentAndTheResolvedJobMailsExactlyOnce() {
    String title = "签约期限提醒（邮件服务器停机）";
    SMTP.stop();
    ProcessInstanceEvent instance;
    try {
      instance = notify(title, "user:civil1,user:finance1");
      Incident incident =
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> {
                    // the back-off runs on the engine clock: move it on instead of waiting
                    processTest.increaseTime(Duration.ofSeconds(2));
                    return incidentOf(instance);
                  },
                  found -> found != null);
      assertThat(incident.getErrorMessage()).contains("Mail server unavailable");
      assertThat(instance).isActive().hasActiveIncidents();
    } finally {
      SMTP.start();
    }

    Incident incident = incidentOf(instance);
    client.newUpdateRetriesCommand(incident.getJobKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    assertThat(instance).isCompleted().hasNoActiveIncidents();
    assertThat(mails(address("civil1"), title)).hasSize(1);
    assertThat(mails(address("finance1"), title)).hasSize(1);
  }

  private Incident incidentOf(ProcessInstanceEvent instance) {
    return client
        .newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
        .send()
        .join()
        .items()
        .stream()
        .filter(i -> i.getState() == io.camunda.client.api.search.enums.IncidentState.ACTIVE)
        .findFirst()
        .orElse(null);
  }
}
