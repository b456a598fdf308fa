package io.civicflow.workers.documents;

import java.util.Objects;

/**
 * Issues a {@link Paper} as a PDF attached to a process instance: rendered by {@link PdfWriter},
 * uploaded through {@link Documents} with the {@link DocumentProperties} the access rules will
 * need. Each call uploads a new document: a retried job leaves the earlier upload unreferenced
 * (never deleted, like every document), and the process variable holds the last one.
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
   */
  public DocumentReference issue(Paper paper, String fileName, DocumentProperties properties) {
    return documents.upload(writer.write(paper), fileName, PDF, properties);
  }
}
