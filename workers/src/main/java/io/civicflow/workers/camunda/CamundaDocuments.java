package io.civicflow.workers.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.response.DocumentLinkResponse;
import io.camunda.client.api.response.DocumentMetadata;
import io.camunda.client.api.response.DocumentReferenceResponse;
import io.civicflow.workers.documents.DocumentProperties;
import io.civicflow.workers.documents.DocumentReference;
import io.civicflow.workers.documents.Documents;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Documents} through the Java client's document commands ({@code newCreateDocumentCommand},
 * {@code newDocumentContentGetRequest}, {@code newCreateDocumentLinkCommand}): the embedded
 * engine's {@code /v2/documents} or Camunda 8's document store alike (REST only, as in Camunda).
 */
public final class CamundaDocuments implements Documents {

  private static final Logger LOG = LoggerFactory.getLogger(CamundaDocuments.class);

  private final CamundaClient client;
  private final String uploadedBy;
  private final String storeId;

  /**
   * @param uploadedBy the client's user, recorded with every upload ({@link DocumentProperties})
   * @param storeId the store every upload goes to ({@code civicflow.documents.store-id}: the
   *     embedded engine's {@code civicflow}, Camunda 8's {@code DOCUMENT_DEFAULT_STORE_ID})
   */
  public CamundaDocuments(CamundaClient client, String uploadedBy, String storeId) {
    this.client = Objects.requireNonNull(client, "client");
    this.uploadedBy = Objects.requireNonNull(uploadedBy, "uploadedBy");
    this.storeId = Objects.requireNonNull(storeId, "storeId");
  }

  @Override
  public DocumentReference upload(
      byte[] content, String fileName, String contentType, DocumentProperties properties) {
    return reference(send(null, content, fileName, contentType, properties));
  }

  @Override
  public DocumentReference upload(
      String documentId,
      byte[] content,
      String fileName,
      String contentType,
      DocumentProperties properties) {
    Objects.requireNonNull(documentId, "documentId");
    try {
      return reference(send(documentId, content, fileName, contentType, properties));
    } catch (RuntimeException e) {
      if (status(e) != 409) {
        throw e;
      }
    }
    // stored before (a retried job): the same reference, once the store confirmed these bytes
    DocumentReference stored =
        new DocumentReference(
            DocumentReference.CAMUNDA,
            storeId,
            documentId,
            DocumentReference.contentHashOf(content),
            new DocumentReference.Metadata(
                contentType,
                fileName,
                (long) content.length,
                null,
                null,
                properties.processInstanceKey(),
                properties.asMap(uploadedBy)));
    try {
      verify(stored);
    } catch (DocumentNotFoundException e) {
      throw new IllegalStateException(
          "The document store holds other content under document id " + documentId, e);
    }
    LOG.info("Document {} was stored before (a retried job): its reference again", documentId);
    return stored;
  }

  private DocumentReferenceResponse send(
      String documentId,
      byte[] content,
      String fileName,
      String contentType,
      DocumentProperties properties) {
    var command =
        client
            .newCreateDocumentCommand()
            .content(content)
            .fileName(fileName)
            .contentType(contentType)
            .processInstanceKey(properties.processInstanceKey())
            .customMetadata(properties.asMap(uploadedBy))
            .storeId(storeId);
    if (documentId != null) {
      command = command.documentId(documentId);
    }
    return command.send().join();
  }

  @Override
  public byte[] content(DocumentReference document) {
    try (InputStream in = read(document)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read document " + document.documentId(), e);
    }
  }

  @Override
  public void verify(DocumentReference document) {
    try (InputStream in = read(document)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read document " + document.documentId(), e);
    }
  }

  private InputStream read(DocumentReference document) {
    try {
      var request = client.newDocumentContentGetRequest(document.documentId());
      if (document.storeId() != null) {
        request = request.storeId(document.storeId());
      }
      if (document.contentHash() != null) {
        request = request.contentHash(document.contentHash());
      }
      return request.send().join();
    } catch (RuntimeException e) {
      if (status(e) == 404) {
        throw new DocumentNotFoundException(
            "No document "
                + document.documentId()
                + " with content hash "
                + document.contentHash()
                + " in store "
                + document.storeId(),
            e);
      }
      throw e;
    }
  }

  @Override
  public Link link(DocumentReference document, Duration timeToLive) {
    var command = client.newCreateDocumentLinkCommand(document.documentId()).timeToLive(timeToLive);
    if (document.storeId() != null) {
      command = command.storeId(document.storeId());
    }
    if (document.contentHash() != null) {
      command = command.contentHash(document.contentHash());
    }
    DocumentLinkResponse link = command.send().join();
    return new Link(link.getUrl(), link.getExpiresAt().toInstant());
  }

  /** The HTTP status of a failed request, however the client's future wrapped it; 0 if none. */
  private static int status(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ClientHttpException http) {
        return http.code();
      }
    }
    return 0;
  }

  private static DocumentReference reference(DocumentReferenceResponse response) {
    DocumentMetadata metadata = response.getMetadata();
    return new DocumentReference(
        response.getDocumentType(),
        response.getStoreId(),
        response.getDocumentId(),
        response.getContentHash(),
        new DocumentReference.Metadata(
            metadata.getContentType(),
            metadata.getFileName(),
            metadata.getSize(),
            metadata.getExpiresAt() == null ? null : metadata.getExpiresAt().toString(),
            metadata.getProcessDefinitionId(),
            metadata.getProcessInstanceKey(),
            metadata.getCustomProperties()));
  }
}
