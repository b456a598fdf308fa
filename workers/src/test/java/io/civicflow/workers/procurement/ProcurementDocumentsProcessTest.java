package io.civicflow.workers.procurement;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.civicflow.workers.procurement.Kunshan2016.at;
import static io.civicflow.workers.procurement.Kunshan2016.contractNo;
import static io.civicflow.workers.procurement.Kunshan2016.projectNo;
import static io.civicflow.workers.procurement.Kunshan2016.unitOfRound;
import static io.civicflow.workers.procurement.Tendering.HENGAI;
import static io.civicflow.workers.procurement.Tendering.LEREN;
import static io.civicflow.workers.procurement.Tendering.SUNSHINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DocumentReferenceResponse;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.camunda.process.test.api.CamundaAssert;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.documents.DocumentFile;
import io.civicflow.workers.documents.DocumentReference;
import io.civicflow.workers.documents.PdfText;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import io.civicflow.workers.testing.StationProcesses;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The papers of one unit's tender as files in the document store (issue 21): the agency uploads the
 * tender documents, suppliers their response files (online and on paper), the committee's scoring
 * tasks carry every qualified bid's files and an expert downloads one, and the signed contract scan
 * attached at signing is in the contract record (Elasticsearch) after the worker read it back.
 * Uploads go through the Java client's {@code newCreateDocumentCommand}, as the console and
 * Camunda's Tasklist do; the workers read through {@code newDocumentContentGetRequest}.
 */
@EmbeddedEngineProcessTest
class ProcurementDocumentsProcessTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private ContractRecords contracts;

  /**
   * The award job renders and uploads a PDF and mails the winner and the other bidders in one go:
   * on a shared two-core machine that outlasts CPT's default 10 s.
   */
  @BeforeEach
  void longerAssertionTimeout() {
    CamundaAssert.setAssertionTimeout(StationProcesses.ASSERTION_TIMEOUT);
  }

  @AfterEach
  void defaultAssertionTimeout() {
    CamundaAssert.setAssertionTimeout(CamundaAssert.DEFAULT_ASSERTION_TIMEOUT);
  }

  @Test
  @SuppressWarnings("unchecked")
  void tenderDocumentsResponseFilesAndTheSignedContractTravelAsDocumentReferences()
      throws Exception {
    processTest.setTime(at("2016-08-01T09:00"));
    ProcessInstanceEvent unit =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("unit-procurement")
            .latestVersion()
            .variables(unitOfRound("LJ", "陆家镇"))
            .send()
            .join();
    long key = unit.getProcessInstanceKey();
    Tendering tendering = new Tendering(client, processTest, key, projectNo("LJ"));

    // the agency uploads the tender documents with the form's file picker
    byte[] tenderPdf = pdf("陆家镇社区社会工作服务项目竞争性磋商文件");
    Map<String, Object> tenderFile = upload(tenderPdf, "竞争性磋商文件.pdf", key, "agency1");
    tendering.publishTender(List.of(tenderFile));
    assertThat(unit)
        .hasVariableSatisfies(
            "tenderDocuments",
            Map.class,
            documents -> assertThat(documents.get("files")).isEqualTo(List.of(tenderFile)));

    // two suppliers respond online with their response files, one on paper (scanned by the agency)
    byte[] sunshineResponse = pdf("昆山市阳光社会工作服务社 响应文件");
    Map<String, Object> sunshineFile = upload(sunshineResponse, "阳光社工响应文件.pdf", key, SUNSHINE);
    Map<String, Object> sunshineBid = Kunshan2016.bid(SUNSHINE, "昆山市阳光社会工作服务社", 78_000_000L);
    sunshineBid.put("responseFiles", List.of(sunshineFile));
    tendering.bidOnline(sunshineBid, 1);
    Map<String, Object> hengaiFile = upload(pdf("恒爱 响应文件"), "恒爱响应文件.pdf", key, HENGAI);
    Map<String, Object> hengaiBid = Kunshan2016.bid(HENGAI, "昆山市恒爱社会工作服务中心", 76_000_000L);
    hengaiBid.put("responseFiles", List.of(hengaiFile));
    tendering.bidOnline(hengaiBid, 1);
    Map<String, Object> paperScan = upload(pdf("乐仁 纸质响应文件"), "乐仁响应文件扫描件.pdf", key, "agency1");
    Map<String, Object> paperBid = new HashMap<>();
    paperBid.put("projectNo", projectNo("LJ"));
    paperBid.put("receivedAt", "2016-08-09T15:30+08:00");
    paperBid.put("bidderId", LEREN);
    paperBid.put("bidderName", "苏州乐仁社会工作服务社");
    paperBid.put("registeredAsNonProfit", true);
    paperBid.put("priceYuan", 790_000);
    paperBid.put("jointBid", false);
    paperBid.put("team", Kunshan2016.team());
    paperBid.put("responseFiles", List.of(paperScan));
    assertThat(
            client
                .newCreateInstanceCommand()
                .bpmnProcessId("paper-bid")
                .latestVersion()
                .variables(paperBid)
                .send()
                .join())
        .isCompleted();

    // the bids pass conformity; each expert's scoring task carries every qualified bid's files
    tendering.closeBidWindow(3);
    // each sheet is created assigned; its assigning listener tells the expert before it is CREATED
    List<UserTask> scoring =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> Kunshan2016.openTasks(client, "Task_ExpertScoring"),
                found -> found.size() >= 5);
    assertThat(scoring).hasSize(5);
    for (UserTask task : scoring) {
      assertThat(taskVariable(task, "bidResponseFiles"))
          .containsExactlyInAnyOrder(sunshineFile, hengaiFile, paperScan);
    }
    // an expert downloads the winner's response file, byte for byte
    DocumentReference sunshine = JSON.convertValue(sunshineFile, DocumentReference.class);
    try (InputStream in =
        client
            .newDocumentContentGetRequest(sunshine.documentId())
            .storeId(sunshine.storeId())
            .contentHash(sunshine.contentHash())
            .send()
            .join()) {
      assertThat(in.readAllBytes()).isEqualTo(sunshineResponse);
    }

    tendering.scoreAndConfirm("2016-08-11", "2016-08-12T10:00");

    // the workers issued the evaluation report and the award notice as PDFs with Chinese text
    String report = PdfText.of(download(processDocument(key, "evaluationReportDocument")));
    assertThat(report).contains("评审报告", "第1名", "昆山市阳光社会工作服务社", "苏州乐仁社会工作服务社", "780000.00元");
    // whoever reads the unit's process reads this report: the members by seat only, no name
    // (评审委员会成员名单在评审结果确定前保密), no account, no e-mail
    assertThat(report)
        .contains("委员A：", "委员B：", "委员C：", "委员D：", "委员E：")
        .doesNotContain("委员F")
        .doesNotContainPattern("expert\\d|civil\\d|@")
        .doesNotContain("老师", "张敏", "刘涛");
    DocumentReference awardNotice = processDocument(key, "awardNoticeDocument");
    assertThat(awardNotice.metadata().fileName()).isEqualTo("成交通知书-" + projectNo("LJ") + ".pdf");
    assertThat(awardNotice.metadata().contentType()).isEqualTo("application/pdf");
    assertThat(awardNotice.metadata().processInstanceKey()).isEqualTo(key);
    assertThat(awardNotice.metadata().customProperties())
        .containsEntry("purpose", "award-notice")
        .containsEntry("businessKey", projectNo("LJ"))
        .containsEntry("processInstanceKey", String.valueOf(key))
        .containsEntry("uploadedBy", "civicflow-workers");
    assertThat(PdfText.of(download(awardNotice)))
        .contains("成交通知书", "昆山市阳光社会工作服务社", "成交金额：人民币780000.00元", "陆家镇社区社会工作服务项目");

    tendering.closeObjectionWindow();
    assertThat(PdfText.of(download(processDocument(key, "contractDraftDocument"))))
        .contains("政府采购服务合同（草案）", contractNo("LJ"), "昆山市阳光社会工作服务社", "人民币780000.00元");

    // the signed contract's scan is attached at signing and kept with the contract record
    byte[] scan = pdf("服务合同 双方盖章页");
    Map<String, Object> scanFile = upload(scan, "服务合同（盖章扫描件）.pdf", key, "civil1");
    processTest.setTime(at("2016-08-30T10:00"));
    Map<String, Object> signing =
        new LinkedHashMap<>(
            (Map<String, Object>) Tendering.contractSigning("2016-08-30").get("contractSigning"));
    signing.put("signedContract", List.of(scanFile));
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_SignContract", key),
        Map.of("contractSigning", signing));
    assertThat(unit).hasCompletedElements("Task_PublishContract");

    DocumentReference scanReference = JSON.convertValue(scanFile, DocumentReference.class);
    assertThat(contracts.contract(contractNo("LJ")))
        .hasValueSatisfying(
            contract ->
                assertThat(contract.signedContractFiles())
                    .containsExactly(
                        new DocumentFile(
                            scanReference.documentId(),
                            scanReference.storeId(),
                            scanReference.contentHash(),
                            "服务合同（盖章扫描件）.pdf",
                            "application/pdf",
                            scan.length)));
  }

  /**
   * Uploads {@code content} as the console does for a file picker: attached to the process
   * instance, with the uploading user in the custom properties; answers the reference as the
   * variable holds it.
   */
  private Map<String, Object> upload(
      byte[] content, String fileName, long processInstanceKey, String uploadedBy) {
    DocumentReferenceResponse response =
        client
            .newCreateDocumentCommand()
            .content(content)
            .fileName(fileName)
            .contentType("application/pdf")
            .processInstanceKey(processInstanceKey)
            .customMetadata("uploadedBy", uploadedBy)
            .send()
            .join();
    assertThat(response.getMetadata().getFileName()).isEqualTo(fileName);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("contentType", response.getMetadata().getContentType());
    metadata.put("fileName", response.getMetadata().getFileName());
    metadata.put("size", response.getMetadata().getSize());
    metadata.put("processInstanceKey", response.getMetadata().getProcessInstanceKey());
    metadata.put("customProperties", response.getMetadata().getCustomProperties());
    Map<String, Object> reference = new LinkedHashMap<>();
    reference.put("camunda.document.type", response.getDocumentType());
    reference.put("storeId", response.getStoreId());
    reference.put("documentId", response.getDocumentId());
    reference.put("contentHash", response.getContentHash());
    reference.put("metadata", metadata);
    try {
      return JSON.readValue(
          JSON.writeValueAsString(reference), new TypeReference<Map<String, Object>>() {});
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private DocumentReference processDocument(long processInstanceKey, String name) {
    return Kunshan2016.variable(
        client, processInstanceKey, name, new TypeReference<DocumentReference>() {});
  }

  /** The bytes of {@code document} through the client, as a reader of the task downloads it. */
  private byte[] download(DocumentReference document) throws java.io.IOException {
    try (InputStream in =
        client
            .newDocumentContentGetRequest(document.documentId())
            .storeId(document.storeId())
            .contentHash(document.contentHash())
            .send()
            .join()) {
      return in.readAllBytes();
    }
  }

  private List<Map<String, Object>> taskVariable(UserTask task, String name) throws Exception {
    List<Variable> found =
        client
            .newUserTaskVariableSearchRequest(task.getUserTaskKey())
            .filter(f -> f.name(name))
            .send()
            .join()
            .items();
    assertThat(found).as("variable %s of task %s", name, task.getUserTaskKey()).hasSize(1);
    String value = found.get(0).getValue();
    if (Boolean.TRUE.equals(found.get(0).isTruncated())) {
      value = client.newVariableGetRequest(found.get(0).getVariableKey()).send().join().getValue();
    }
    return JSON.readValue(value, new TypeReference<List<Map<String, Object>>>() {});
  }

  /** A small but well-formed one-line PDF (the engine checks types by name and declared type). */
  static byte[] pdf(String text) {
    return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
  }
}
