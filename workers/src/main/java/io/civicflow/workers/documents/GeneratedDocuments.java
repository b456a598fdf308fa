package io.civicflow.workers.documents;

import java.util.Objects;

/**
 * Issues a {@link Paper} as a PDF attached to a process instance: rendered by {@link PdfWriter},
 * uploaded through {@link Documents} with the {@link DocumentProperties} the access rules will
 * need. A retried job issues no second document: the id derives from the job's element instance,
 * the paper's purpose and the PDF's bytes (rendered identically again from the same data), so the
 * retry finds the document the earlier attempt stored and answers the same reference.
 */
public final class GeneratedDocuments {

  /** The content type of everything issued here. */
  public static final String PDF = "application/pdf";

  private final PdfWriter writer;
  private final Documents documents;

  public GeneratedDocuments(PdfWriter writer, Documents documents) {
    this.writer = Objects.requireNonNull(writer, "writer");
    this.documents = Objects.requireNonNull(documents, "documents");
  }

  /**
   * @param fileName the name readers download it under, e.g. {@code 成交通知书-KSCG-2016-ZP.pdf}
   * @param elementInstanceKey the issuing job's element instance: the same for every retry of the
   *     job, another when the process issues the paper again (a new award after a refusal)
   */
  public DocumentReference issue(
      Paper paper, String fileName, DocumentProperties properties, long elementInstanceKey) {
    byte[] pdf = writer.write(paper);
    return documents.upload(
        documentId(properties.purpose(), elementInstanceKey, pdf), pdf, fileName, PDF, properties);
  }

  /**
   * {@code <purpose>-<elementInstanceKey>-<first 16 hex digits of the SHA-256 of the bytes>}: the
   * bytes keep an id that a reset engine hands out again (tests purge) from naming another paper.
   */
  static String documentId(String purpose, long elementInstanceKey, byte[] content) {
    return purpose
        + "-"
        + elementInstanceKey
        + "-"
        + DocumentReference.contentHashOf(content).substring(0, 16);
  }
}
