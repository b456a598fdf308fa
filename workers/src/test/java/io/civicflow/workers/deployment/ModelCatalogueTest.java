package io.civicflow.workers.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.civicflow.workers.deployment.ModelCatalogue.Model;
import io.civicflow.workers.deployment.RepositoryFiles.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Everything a model in {@code processes/} refers to exists: a {@code @JobWorker} in the
 * application for every job type, a form in {@code forms/} for every {@code formId}, a DMN decision
 * in {@code processes/} for every called decision, a process for every called element, and a known
 * publisher in {@code processes/messages.yaml} for every message a process waits for. Each failure
 * lists every dangling reference with its file and element id.
 */
class ModelCatalogueTest {

  private static List<Model> models;

  @BeforeAll
  static void readModels() {
    List<SourceFile> files = RepositoryFiles.files("processes", ".bpmn");
    assertThat(files).as("BPMN models under processes/").isNotEmpty();
    models = ModelCatalogue.parse(files);
  }

  @Test
  void everyJobTypeHasAJobWorker() {
    failIfAny(
        ModelCatalogue.jobTypesWithoutWorker(models, JobWorkerTypes.inApplication().keySet()),
        "job type(s) without a worker");
  }

  @Test
  void everyFormIdHasAForm() {
    failIfAny(
        ModelCatalogue.formIdsWithoutForm(models, FormCatalogue.read().fileById().keySet()),
        "form(s) that do not exist");
  }

  @Test
  void everyCalledDecisionIsADecisionInProcesses() {
    Set<String> decisionIds =
        ModelCatalogue.decisionIds(RepositoryFiles.files("processes", ".dmn"));

    failIfAny(
        ModelCatalogue.calledDecisionsNotFound(models, decisionIds),
        "decision(s) that do not exist");
  }

  @Test
  void everyCalledProcessIsAProcessInProcesses() {
    failIfAny(
        ModelCatalogue.calledProcessesNotFound(models), "called process(es) that do not exist");
  }

  @Test
  void everyAwaitedMessageHasAKnownPublisher() {
    failIfAny(
        ModelCatalogue.awaitedMessagesWithoutPublisher(models, MessageCatalogue.read().names()),
        "message(s) no known publisher sends");
  }

  @Test
  void theMessageCatalogueNamesAPublisherForEveryMessage() {
    failIfAny(MessageCatalogue.read().problems(), "problem(s) in " + MessageCatalogue.FILE);
  }

  /** The checks above are not vacuous: they find what they look for, and report what is missing. */
  @Nested
  class SelfCheck {

    private static final String DANGLING = "/deployment/refers-to-what-does-not-exist.bpmn";

    @Test
    void theWorkerScanFindsTheApplicationsWorkers() {
      assertThat(JobWorkerTypes.inApplication())
          .containsEntry("procurement.check-team-staffing", List.of("TeamConformityWorker#check"));
    }

    @Test
    void everyKindOfDanglingReferenceIsReportedWithFileAndElement() throws IOException {
      List<Model> dangling = ModelCatalogue.parse(List.of(resource(DANGLING)));
      String file = "deployment/refers-to-what-does-not-exist.bpmn";

      assertThat(
              ModelCatalogue.jobTypesWithoutWorker(
                  dangling, JobWorkerTypes.inApplication().keySet()))
          .containsExactly(
              file
                  + " Task_NobodyHandles: job type \"nowhere.do-nothing\""
                  + " has no @JobWorker(type = \"nowhere.do-nothing\") in io.civicflow.workers",
              file
                  + " Task_FillInMissingForm: task listener type \"nowhere.listen\""
                  + " has no @JobWorker(type = \"nowhere.listen\") in io.civicflow.workers");
      assertThat(ModelCatalogue.formIdsWithoutForm(dangling, Set.of("some-other-form")))
          .singleElement()
          .asString()
          .startsWith(file + " Task_FillInMissingForm: formId \"no-such-form\"");
      assertThat(ModelCatalogue.calledDecisionsNotFound(dangling, Set.of()))
          .singleElement()
          .asString()
          .startsWith(file + " Task_DecideNothing: decisionId \"NoSuchDecision\"");
      assertThat(ModelCatalogue.calledProcessesNotFound(dangling))
          .singleElement()
          .asString()
          .startsWith(file + " Activity_CallNothing: called processId \"no-such-process\"");
      assertThat(ModelCatalogue.awaitedMessagesWithoutPublisher(dangling, Set.of()))
          .singleElement()
          .asString()
          .startsWith(file + " Event_NothingHappened: message \"NothingHappened\"");
    }

    @Test
    void whatExistsIsNotReported() throws IOException {
      List<Model> dangling = ModelCatalogue.parse(List.of(resource(DANGLING)));

      assertThat(
              ModelCatalogue.jobTypesWithoutWorker(
                  dangling, Set.of("nowhere.do-nothing", "nowhere.listen")))
          .isEmpty();
      assertThat(ModelCatalogue.formIdsWithoutForm(dangling, Set.of("no-such-form"))).isEmpty();
      assertThat(ModelCatalogue.calledDecisionsNotFound(dangling, Set.of("NoSuchDecision")))
          .isEmpty();
      assertThat(
              ModelCatalogue.awaitedMessagesWithoutPublisher(dangling, Set.of("NothingHappened")))
          .isEmpty();
    }

    @Test
    void decisionsAreFoundInDmnFiles() throws IOException {
      assertThat(ModelCatalogue.decisionIds(List.of(resource("/deployment/one-decision.dmn"))))
          .containsExactly("Decision_Grade");
    }

    @Test
    void aCatalogueEntryNeedsANameAndAPublisher() {
      MessageCatalogue catalogue =
          MessageCatalogue.parse(
              """
              messages:
                - name: BidSubmitted
                  publishedBy: the bid portal
                - name: BidSubmitted
                  publishedBy: the bid portal again
                - name: ReportFiled
                - publishedBy: someone
              """);

      assertThat(catalogue.names()).containsExactly("BidSubmitted", "ReportFiled");
      assertThat(catalogue.problems())
          .containsExactly(
              "processes/messages.yaml \"BidSubmitted\": listed twice",
              "processes/messages.yaml \"ReportFiled\": no publishedBy (who sends it, and how)",
              "processes/messages.yaml entry 4: no name");
    }

    private static SourceFile resource(String name) throws IOException {
      try (InputStream in = ModelCatalogueTest.class.getResourceAsStream(name)) {
        assertThat(in).as("test resource %s", name).isNotNull();
        return new SourceFile(name.substring(1), in.readAllBytes());
      }
    }
  }

  private static void failIfAny(List<String> problems, String what) {
    if (!problems.isEmpty()) {
      fail(
          "%d %s:%n  %s",
          problems.size(), what, String.join(System.lineSeparator() + "  ", problems));
    }
  }
}
