package io.civicflow.workers.documents;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.civicflow.engine.document.DocumentStore;
import io.civicflow.workers.contract.ContractWorker;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A job that generates a PDF and is worked on again after its upload went through (the worker
 * crashed, or its completion was lost) leaves one document, and the retry answers the same
 * reference: the acceptance report's job on the embedded engine, its first attempt failed after the
 * upload, its second completing the job.
 */
@EmbeddedEngineProcessTest
class GeneratedDocumentRetryProcessTest {

  private static final String JOB_TYPE = "test.issue-acceptance-report";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired private CamundaClient client;
  @Autowired private ContractWorker contracts;
  @Autowired private DocumentStore store;

  @Test
  void aRetriedJobLeavesOneDocumentAndAnswersTheSameReference() throws IOException {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("acceptance-report-retry")
                .startEvent()
                .serviceTask("Task_IssueReport", t -> t.zeebeJobType(JOB_TYPE).zeebeJobRetries("3"))
                .endEvent()
                .done(),
            "acceptance-report-retry.bpmn")
        .send()
        .join();
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("acceptance-report-retry")
            .latestVersion()
            .send()
            .join();
    ContractWorker.AcceptanceInput input =
        new ContractWorker.AcceptanceInput(
            "KS-2016-ZP-Y2",
            "张浦镇",
            "昆山市阳光社会工作服务社",
            null,
            78_000_000L,
            "PASSED",
            9,
            "服务内容全部完成，同意验收。",
            "KSCG-2016-ZP-YS",
            "2018-08-20T10:00:00+08:00");

    // the first attempt uploads its report, then the job fails as if the worker had crashed
    ActivatedJob first = activate();
    DocumentReference issued =
        contracts.issueAcceptanceReport(first, input).acceptanceReportDocument();
    client.newFailCommand(first).retries(2).errorMessage("worker crashed").send().join();

    // the retry renders the same report again and gets the document the first attempt stored
    ActivatedJob retry = activate();
    assertThat(retry.getElementInstanceKey()).isEqualTo(first.getElementInstanceKey());
    ContractWorker.AcceptanceReport again = contracts.issueAcceptanceReport(retry, input);
    assertThat(again.acceptanceReportDocument()).isEqualTo(issued);
    client.newCompleteCommand(retry).variables(again).send().join();

    assertThat(instance).isCompleted();
    assertThat(reportsStoredFor(retry.getElementInstanceKey())).hasSize(1);
    assertThat(instance)
        .hasVariableSatisfies(
            "acceptanceReportDocument",
            Map.class,
            stored ->
                assertThat(JSON.convertValue(stored, DocumentReference.class)).isEqualTo(issued));
    assertThat(
            PdfText.of(
                client
                    .newDocumentContentGetRequest(issued.documentId())
                    .storeId(issued.storeId())
                    .contentHash(issued.contentHash())
                    .send()
                    .join()
                    .readAllBytes()))
        .contains("验收报告", "昆山市阳光社会工作服务社");
  }

  private ActivatedJob activate() {
    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(JOB_TYPE)
            .maxJobsToActivate(1)
            .timeout(Duration.ofMinutes(5))
            .send()
            .join()
            .getJobs();
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  /** The acceptance reports the engine's store holds for one element instance. */
  private List<Path> reportsStoredFor(long elementInstanceKey) throws IOException {
    try (Stream<Path> files = Files.list(store.directory().resolve("metadata"))) {
      return files
          .filter(
              f ->
                  f.getFileName()
                      .toString()
                      .startsWith("acceptance-report-" + elementInstanceKey + "-"))
          .toList();
    }
  }
}
