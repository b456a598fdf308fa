package io.civicflow.engine.document;

import java.net.URLConnection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks what an upload names: the document id, file name and content type. */
final class DocumentInput {

  private static final Pattern DOCUMENT_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
  private static final int MAX_FILE_NAME_LENGTH = 255;

  private DocumentInput() {}

  /** A document id names a file in the store: letters, digits, {@code . _ -}, not a dot first. */
  static String checkId(String documentId) {
    if (documentId == null || !DOCUMENT_ID.matcher(documentId).matches()) {
      throw DocumentException.invalid(
          "Expected a document id of 1 to 128 letters, digits, '.', '_' or '-' (not starting with"
              + " '.'), but was '"
              + printable(documentId)
              + "'");
    }
    return documentId;
  }

  static final int MAX_REASON_LENGTH = 2000;

  /** The reason given for a deletion: {@code null} when none, else at most 2000 characters. */
  static String reason(String reason) {
    if (reason == null || reason.isBlank()) {
      return null;
    }
    String trimmed = reason.strip();
    if (trimmed.length() > MAX_REASON_LENGTH) {
      throw DocumentException.invalid(
          "Expected a deletion reason of at most "
              + MAX_REASON_LENGTH
              + " characters, but it had "
              + trimmed.length());
    }
    return trimmed;
  }

  static String fileName(String fromMetadata, String fromPart) {
    String name = fromMetadata != null && !fromMetadata.isBlank() ? fromMetadata : fromPart;
    if (name == null || name.isBlank()) {
      return null;
    }
    boolean control = name.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    if (control
        || name.contains("/")
        || name.contains("\\")
        || name.equals(".")
        || name.equals("..")
        || name.length() > MAX_FILE_NAME_LENGTH) {
      throw DocumentException.invalid(
          "Expected a file name without path separators, control characters or '..', of at most "
              + MAX_FILE_NAME_LENGTH
              + " characters, but was '"
              + printable(name)
              + "'");
    }
    return name;
  }

  /**
   * The metadata's content type, else the part's; when neither says more than {@code
   * application/octet-stream}, the type the JDK knows for the file name's extension.
   *
   * @param contentTypes the allowed types, lower case ({@code type/*} allows a family)
   */
  static String contentType(
      String fromMetadata, String fromPart, String fileName, List<String> contentTypes) {
    String type = fromMetadata != null && !fromMetadata.isBlank() ? fromMetadata : fromPart;
    if ((type == null || type.isBlank() || type.startsWith(DocumentStore.OCTET_STREAM))
        && fileName != null) {
      String guessed = URLConnection.getFileNameMap().getContentTypeFor(fileName);
      if (guessed != null) {
        type = guessed;
      }
    }
    if (type == null || type.isBlank()) {
      type = DocumentStore.OCTET_STREAM;
    }
    String bare = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    for (String allowed : contentTypes) {
      if (allowed.equals(bare)
          || (allowed.endsWith("*")
              && bare.startsWith(allowed.substring(0, allowed.length() - 1)))) {
        return type.trim();
      }
    }
    throw DocumentException.unsupportedType(
        "Documents of type '"
            + printable(bare)
            + "' may not be uploaded; allowed (civicflow.engine.documents.content-types): "
            + String.join(", ", contentTypes));
  }

  private static String printable(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    value
        .codePoints()
        .limit(200)
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
