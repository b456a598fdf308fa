package io.civicflow.workers.documents;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * A reference to a document in a document store, as Camunda 8.8 puts it into process variables
 * (docs.camunda.io, "Document handling"): what a form-js file picker submits (a list of these),
 * what the REST API's {@code POST /v2/documents} answers, what a document preview displays.
 *
 * <pre>{"camunda.document.type":"camunda","storeId":…,"documentId":…,"contentHash":…,
 *  "metadata":{"contentType":…,"fileName":…,"size":…,"expiresAt":…,"processDefinitionId":…,
 *  "processInstanceKey":…,"customProperties":{…}}}</pre>
 *
 * @param documentType always {@code camunda}
 * @param contentHash the store's hash of the content; a read with it fails if the bytes changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DocumentReference(
    @JsonProperty("camunda.document.type") String documentType,
    String storeId,
    String documentId,
    String contentHash,
    Metadata metadata) {

  /** The type Camunda writes into every reference. */
  public static final String CAMUNDA = "camunda";

  public DocumentReference {
    if (documentId == null || documentId.isBlank()) {
      throw new IllegalArgumentException("A document reference needs a documentId");
    }
    documentType = documentType == null ? CAMUNDA : documentType;
    metadata = metadata == null ? new Metadata(null, null, null, null, null, null, null) : metadata;
  }

  /**
   * A document's metadata as the store returns it.
   *
   * @param size in bytes
   * @param expiresAt ISO-8601, or null: kept as metadata, never acted on (records are kept ≥ 15
   *     years)
   * @param customProperties what CivicFlow records for the access rules to come ({@link
   *     DocumentProperties})
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Metadata(
      String contentType,
      String fileName,
      Long size,
      String expiresAt,
      String processDefinitionId,
      Long processInstanceKey,
      Map<String, Object> customProperties) {

    public Metadata {
      customProperties = customProperties == null ? Map.of() : Map.copyOf(customProperties);
    }
  }

  /** The content hash a store computes for {@code content}: its SHA-256, lower-case hex. */
  public static String contentHashOf(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** What a register keeps of this document: the reference without its custom properties. */
  public DocumentFile file() {
    return new DocumentFile(
        documentId,
        storeId,
        contentHash,
        metadata.fileName(),
        metadata.contentType(),
        metadata.size() == null ? 0 : metadata.size());
  }

  /** Whether this reference and {@code other} name the same stored bytes. */
  public boolean isSameDocumentAs(DocumentReference other) {
    return documentId.equals(other.documentId)
        && Objects.equals(storeId, other.storeId)
        && Objects.equals(contentHash, other.contentHash);
  }
}
