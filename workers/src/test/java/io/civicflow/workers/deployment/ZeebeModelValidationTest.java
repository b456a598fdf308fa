package io.civicflow.workers.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.civicflow.workers.deployment.RepositoryFiles.SourceFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proof that the models are Zeebe-valid: every BPMN in {@code processes/} passes Zeebe's own
 * design-time validation, so Camunda 8 accepts what the embedded engine runs. Every form in {@code
 * forms/} is a form-js JSON document with an {@code id} (what user tasks link by {@code formId},
 * and what Camunda versions forms by).
 */
class ZeebeModelValidationTest {

  @Test
  void everyProcessModelPassesZeebesDesignTimeValidation() {
    List<SourceFile> models = RepositoryFiles.files("processes", ".bpmn");
    assertThat(models).as("BPMN models under processes/").isNotEmpty();

    List<String> problems = new ArrayList<>();
    for (SourceFile model : models) {
      ZeebeDesignTimeValidation.errors(model.open())
          .forEach(error -> problems.add(model.name() + ": " + error));
    }

    if (!problems.isEmpty()) {
      fail(
          "Zeebe rejects %d element(s); Camunda 8 would refuse the deployment:%n  %s",
          problems.size(), String.join(System.lineSeparator() + "  ", problems));
    }
  }

  @Test
  void theValidationRejectsWhatZeebeRejects() throws IOException {
    try (InputStream invalid =
        resource("/deployment/zeebe-rejects-service-task-without-job-type.bpmn")) {
      List<String> errors = ZeebeDesignTimeValidation.errors(invalid);

      assertThat(errors)
          .as("errors for the deliberately invalid model")
          .anySatisfy(
              error ->
                  assertThat(error).startsWith("Task_WithoutJobType").contains("taskDefinition"))
          .anySatisfy(
              error ->
                  assertThat(error).startsWith("Message_Reply").contains("zeebe:subscription"));
    }
  }

  @Test
  void aValidModelHasNoErrors() throws IOException {
    try (InputStream valid = resource("/deployment/refers-to-what-does-not-exist.bpmn")) {
      assertThat(ZeebeDesignTimeValidation.errors(valid)).isEmpty();
    }
  }

  @Test
  void aDocumentThatIsNotBpmnIsReportedNotThrown() {
    List<String> errors =
        ZeebeDesignTimeValidation.errors(
            new ByteArrayInputStream("<bpmn/>".getBytes(StandardCharsets.UTF_8)));

    assertThat(errors).singleElement().asString().startsWith("not a readable BPMN 2.0 document");
  }

  @Test
  void everyFormIsJsonWithAUniqueId() {
    List<String> problems = FormCatalogue.read().problems();

    if (!problems.isEmpty()) {
      fail(
          "forms/ has %d problem(s):%n  %s",
          problems.size(), String.join(System.lineSeparator() + "  ", problems));
    }
  }

  private static InputStream resource(String name) {
    InputStream in = ZeebeModelValidationTest.class.getResourceAsStream(name);
    assertThat(in).as("test resource %s", name).isNotNull();
    return in;
  }
}
