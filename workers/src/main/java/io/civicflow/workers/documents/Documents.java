package io.civicflow.workers.documents;

import java.time.Duration;
import java.time.Instant;

/**
 * The document store the processes' documents live in: the embedded engine's {@code /v2/documents}
 * or Camunda 8's document store, through the same client commands.
 */
public interface Documents {

  /**
   * Uploads {@code content} as a new document attached to {@code properties.processInstanceKey()}.
   * Not idempotent by itself: a retried job uploads again (a new id); a job that generates a
   * document uses {@link #upload(String, byte[], String, String, DocumentProperties)}.
   */
  DocumentReference upload(
      byte[] content, String fileName, String contentType, DocumentProperties properties);

  /**
   * Uploads {@code content} under {@code documentId}, once: when the store already holds {@code
   * documentId} with these very bytes (a retried job whose earlier upload went through, answered or
   * not), answers that document's reference and stores nothing.
   *
   * @throws IllegalStateException if the store holds other bytes under {@code documentId}
   */
  DocumentReference upload(
      String documentId,
      byte[] content,
      String fileName,
      String contentType,
      DocumentProperties properties);

  /**
   * The bytes of {@code document}, checked against its content hash by the store.
   *
   * @throws DocumentNotFoundException if the store has no such document, or not with that hash
   */
  byte[] content(DocumentReference document);

  /**
   * Reads {@code document} through without keeping it: the store checks it exists with this content
   * hash and that its bytes still match it.
   *
   * @throws DocumentNotFoundException if the store has no such document, or not with that hash
   */
  void verify(DocumentReference document);

  /** A link that serves {@code document} without credentials until it expires. */
  Link link(DocumentReference document, Duration timeToLive);

  /** A link to a document and when it stops working. */
  record Link(String url, Instant expiresAt) {}

  /** A reference that names no document the store has (deleted, or tampered with). */
  final class DocumentNotFoundException extends RuntimeException {
    public DocumentNotFoundException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
