package io.civicflow.workers.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.workers.documents.DocumentProperties;
import io.civicflow.workers.documents.DocumentReference;
import io.civicflow.workers.documents.Documents;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The workers' document port against the embedded engine's {@code /v2/documents}, through the Java
 * client's document commands: upload with the access-rule properties, read back byte for byte,
 * verify, link without credentials, and a tampered hash refused.
 */
@EmbeddedEngineProcessTest
class CamundaDocumentsTest {

  @Autowired private Documents documents;

  @Value("${server.port}")
  private int port;

  private final byte[] content = "响应文件：昆山市阳光社会工作服务社".getBytes(StandardCharsets.UTF_8);

  @Test
  void aDocumentIsUploadedReadVerifiedAndLinked() throws Exception {
    DocumentReference uploaded =
        documents.upload(
            content,
            "响应文件.txt",
            "text/plain",
            new DocumentProperties("response-file", "KSCG-2016-HQ", 2251799813685249L));

    assertThat(uploaded.documentType()).isEqualTo("camunda");
    assertThat(uploaded.metadata().fileName()).isEqualTo("响应文件.txt");
    assertThat(uploaded.metadata().size()).isEqualTo(content.length);
    assertThat(uploaded.metadata().processInstanceKey()).isEqualTo(2251799813685249L);
    assertThat(uploaded.metadata().customProperties())
        .containsEntry("purpose", "response-file")
        .containsEntry("businessKey", "KSCG-2016-HQ")
        .containsEntry("processInstanceKey", "2251799813685249")
        .containsEntry("uploadedBy", "civicflow-workers");
    assertThat(documents.content(uploaded)).isEqualTo(content);
    documents.verify(uploaded);

    Documents.Link link = documents.link(uploaded, Duration.ofMinutes(10));
    URI url = URI.create(link.url());
    if (!url.isAbsolute()) {
      url = URI.create("http://127.0.0.1:" + port).resolve(url);
    }
    HttpResponse<byte[]> anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.body()).isEqualTo(content);
  }

  @Test
  void anUploadUnderAnIdIsStoredOnceAndNeverExpires() {
    DocumentProperties properties = new DocumentProperties("award-notice", "KSCG-2016-ZS", 7L);
    DocumentReference first =
        documents.upload(
            "award-notice-7-once", content, "成交通知书.pdf", "application/pdf", properties);

    assertThat(first.storeId()).isEqualTo("civicflow");
    assertThat(first.metadata().expiresAt()).as("the workers ask for no time-to-live").isNull();
    assertThat(
            documents.upload(
                "award-notice-7-once", content, "成交通知书.pdf", "application/pdf", properties))
        .isEqualTo(first);
    assertThatThrownBy(
            () ->
                documents.upload(
                    "award-notice-7-once",
                    "另一份".getBytes(StandardCharsets.UTF_8),
                    "成交通知书.pdf",
                    "application/pdf",
                    properties))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("other content");
  }

  @Test
  void aReferenceWithAnotherContentHashIsNotServed() {
    DocumentReference uploaded =
        documents.upload(
            content, "合同.txt", "text/plain", new DocumentProperties("signed-contract", "KS-1", 1L));
    DocumentReference tampered =
        new DocumentReference(
            uploaded.documentType(),
            uploaded.storeId(),
            uploaded.documentId(),
            "0".repeat(64),
            uploaded.metadata());

    assertThatThrownBy(() -> documents.verify(tampered))
        .isInstanceOf(Documents.DocumentNotFoundException.class)
        .hasMessageContaining(uploaded.documentId());
  }
}
