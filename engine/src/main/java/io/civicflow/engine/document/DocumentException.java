package io.civicflow.engine.document;

/**
 * A document request refused or failed: the HTTP status and problem title to answer it with.
 *
 * <p>Titles follow the engine's problem titles ({@code INVALID_ARGUMENT}, {@code NOT_FOUND}, …).
 */
public final class DocumentException extends RuntimeException {

  private final int status;
  private final String title;

  public DocumentException(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  static DocumentException invalid(String detail) {
    return new DocumentException(400, "INVALID_ARGUMENT", detail);
  }

  static DocumentException notFound(String documentId) {
    return new DocumentException(
        404, "NOT_FOUND", "Document with id '" + documentId + "' not found");
  }

  static DocumentException tooLarge(String detail) {
    return new DocumentException(413, "PAYLOAD_TOO_LARGE", detail);
  }

  static DocumentException unsupportedType(String detail) {
    return new DocumentException(415, "UNSUPPORTED_MEDIA_TYPE", detail);
  }

  static DocumentException forbidden(String detail) {
    return new DocumentException(403, "FORBIDDEN", detail);
  }
}
