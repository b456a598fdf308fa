package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.response.Form;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.UserTask;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class UserTaskFormTest {

  private static DeploymentEvent deploy(CamundaClient client, String... resources) {
    DeployResourceCommandStep2 step = null;
    for (String resource : resources) {
      byte[] bytes = resource.endsWith(".form") ? form(resource) : TestEngine.fixture(resource);
      step =
          step == null
              ? client.newDeployResourceCommand().addResourceBytes(bytes, resource)
              : step.addResourceBytes(bytes, resource);
    }
    return step.send().join();
  }

  private static byte[] form(String name) {
    try (InputStream in = UserTaskFormTest.class.getResourceAsStream("/forms/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<UserTask> tasks(CamundaClient client, long processInstanceKey) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .send()
        .join()
        .items();
  }

  @Test
  void shouldLinkTheFormDeployedWithTheProcessAndServeItsSchema(TestEngine engine) {
    CamundaClient client = engine.client();
    DeploymentEvent deployment =
        deploy(
            client, "user-task-with-linked-form.bpmn", "review-form.form", "application-form.form");
    long reviewFormKey =
        deployment.getForm().stream()
            .filter(f -> f.getFormId().equals("review-form"))
            .findFirst()
            .orElseThrow()
            .getFormKey();

    ProcessInstanceEvent instance = engine.start("user-task-with-linked-form", Map.of());
    UserTask task = tasks(client, instance.getProcessInstanceKey()).get(0);
    assertThat(task.getFormKey()).isEqualTo(reviewFormKey);

    Form form = client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();
    assertThat(form.getFormId()).isEqualTo("review-form");
    assertThat(form.getVersion()).isEqualTo(1);
    assertThat(form.getFormKey()).isEqualTo(reviewFormKey);
    assertThat(form.getSchema().toString()).contains("approved");

    long definitionKey = deployment.getProcesses().get(0).getProcessDefinitionKey();
    assertThat(client.newProcessDefinitionGetRequest(definitionKey).send().join().getHasStartForm())
        .isTrue();
    Form startForm = client.newProcessDefinitionGetFormRequest(definitionKey).send().join();
    assertThat(startForm.getFormId()).isEqualTo("application-form");
  }

  @Test
  void shouldRaiseFormNotFoundOnActivationAndCreateTheTaskOnceTheFormIsDeployed(TestEngine engine) {
    CamundaClient client = engine.client();
    deploy(client, "user-task-with-linked-form.bpmn");
    ProcessInstanceEvent instance = engine.start("user-task-with-linked-form", Map.of());

    Incident incident =
        client
            .newIncidentSearchRequest()
            .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
            .send()
            .join()
            .items()
            .get(0);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.FORM_NOT_FOUND);
    assertThat(incident.getErrorMessage()).contains("review-form");
    assertThat(tasks(client, instance.getProcessInstanceKey())).isEmpty();

    long formKey = deploy(client, "review-form.form").getForm().get(0).getFormKey();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    assertThat(tasks(client, instance.getProcessInstanceKey()))
        .singleElement()
        .satisfies(task -> assertThat(task.getFormKey()).isEqualTo(formKey));
  }

  @Test
  void shouldBindTheFormVersionDeployedTogetherWithTheProcess(TestEngine engine) {
    CamundaClient client = engine.client();
    long v1 =
        deploy(client, "user-task-with-deployment-bound-form.bpmn", "review-form.form")
            .getForm()
            .get(0)
            .getFormKey();
    String changed =
        new String(form("review-form.form"), StandardCharsets.UTF_8).replace("Comment", "Remarks");
    long v2 =
        client
            .newDeployResourceCommand()
            .addResourceStringUtf8(changed, "review-form.form")
            .send()
            .join()
            .getForm()
            .get(0)
            .getFormKey();

    ProcessInstanceEvent first = engine.start("user-task-with-deployment-bound-form", Map.of());
    assertThat(tasks(client, first.getProcessInstanceKey()).get(0).getFormKey()).isEqualTo(v1);

    // a new process version deployed with the unchanged latest form binds that form (v2)
    String process =
        new String(
                TestEngine.fixture("user-task-with-deployment-bound-form.bpmn"),
                StandardCharsets.UTF_8)
            .replace("name=\"Review\"", "name=\"Review again\"");
    client
        .newDeployResourceCommand()
        .addResourceStringUtf8(process, "bound.bpmn")
        .addResourceStringUtf8(changed, "review-form.form")
        .send()
        .join();
    ProcessInstanceEvent second = engine.start("user-task-with-deployment-bound-form", Map.of());
    assertThat(tasks(client, second.getProcessInstanceKey()).get(0).getFormKey()).isEqualTo(v2);
  }

  @Test
  void shouldKeepAnExternalFormReferenceAndAnswer204ForItsForm(TestEngine engine) throws Exception {
    deploy(engine.client(), "user-task-with-external-form.bpmn");
    ProcessInstanceEvent instance = engine.start("user-task-with-external-form", Map.of());

    UserTask task = tasks(engine.client(), instance.getProcessInstanceKey()).get(0);
    assertThat(task.getExternalFormReference()).isEqualTo("https://contracts.example.org/sign");
    assertThat(task.getFormKey()).isNull();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            engine.restAddress()
                                + "/v2/user-tasks/"
                                + task.getUserTaskKey()
                                + "/form"))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(204);
  }
}
