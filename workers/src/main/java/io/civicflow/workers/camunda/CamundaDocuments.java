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

/**
 * {@link Documents} through the Java client's document commands ({@code newCreateDocumentCommand},
 * {@code newDocumentContentGetRequest}, {@code newCreateDocumentLinkCommand}): the embedded
 * engine's {@code /v2/documents} or Camunda 8's document store alike (REST only, as in Camunda).
 */
public final class CamundaDocuments implements Documents {

  private final CamundaClient client;
  private final String uploadedBy;

  /**
   * @param uploadedBy the client's user, recorded with every upload ({@link DocumentProperties})
   */
  public CamundaDocuments(CamundaClient client, String uploadedBy) {
    this.client = Objects.requireNonNull(client, "client");
    this.uploadedBy = Objects.requireNonNull(uploadedBy, "uploadedBy");
  }

  @Override
  public DocumentReference upload(
      byte[] content, String fileName, String contentType, DocumentProperties properties) {
    DocumentReferenceResponse response =
        client
            .newCreateDocumentCommand()
            .content(content)
            .fileName(fileName)
            .contentType(contentType)
            .processInstanceKey(properties.processInstanceKey())
            .customMetadata(properties.asMap(uploadedBy))
            .send()
            .join();
    return reference(response);
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
