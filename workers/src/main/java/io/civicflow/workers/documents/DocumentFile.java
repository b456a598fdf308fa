package io.civicflow.workers.documents;

/**
 * A document as a register (contracts, reports) keeps it: enough to fetch and verify it again from
 * the document store (id, store, hash) and to list it (name, type, size).
 *
 * @param size in bytes
 */
public record DocumentFile(
    String documentId,
    String storeId,
    String contentHash,
    String fileName,
    String contentType,
    long size) {

  public DocumentFile {
    if (documentId == null || documentId.isBlank()) {
      throw new IllegalArgumentException("A document needs a documentId");
    }
    fileName = fileName == null ? "" : fileName;
    contentType = contentType == null ? "" : contentType;
  }
}
