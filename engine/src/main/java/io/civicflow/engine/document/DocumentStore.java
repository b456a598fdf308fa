package io.civicflow.engine.document;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.engine.journal.DurableFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's durable document store: one directory on the local disk.
 *
 * <pre>
 * directory/
 *   content/ID          the bytes, exactly as uploaded
 *   metadata/ID.json    the document reference (and who uploaded it, when); a document exists
 *                       exactly when this file exists
 *   deleted/ID-MILLIS.json  which document was deleted, by whom, when and why (kept for good)
 *   link-key            the HMAC key that signs links (kept, so links survive a restart)
 *   .upload/            files being received (emptied at start)
 * </pre>
 *
 * An upload is written to {@code .upload}, fsynced, moved into {@code content/} and that directory
 * fsynced, then its metadata likewise: only then is the reference returned, so every answered
 * upload survives a crash, and a crash before leaves at most an orphaned content file that is never
 * served. The content hash (SHA-256 of the bytes, lower-case hex) is checked on every read: bytes
 * that do not match it are never served.
 */
public final class DocumentStore {

  /** The store id in every reference; the only store of the engine. */
  public static final String STORE_ID = "civicflow";

  public static final String DOCUMENT_TYPE = "camunda";

  private static final Logger LOG = LoggerFactory.getLogger(DocumentStore.class);
  static final String OCTET_STREAM = "application/octet-stream";

  private final Path directory;
  private final Path content;
  private final Path metadata;
  private final Path deleted;
  private final Path upload;
  private final long maxFileSize;
  private final List<String> contentTypes;
  private final LongSupplier clock;
  private final DocumentLinks links;
  private final ObjectMapper json = new ObjectMapper();
  private final Object lock = new Object();

  /** A document found: its verified content file and its reference. */
  public record Stored(Path content, Map<String, Object> reference) {

    @SuppressWarnings("unchecked")
    public Map<String, Object> metadata() {
      return (Map<String, Object>) reference.get("metadata");
    }

    public String contentType() {
      Object type = metadata().get("contentType");
      return type == null ? OCTET_STREAM : type.toString();
    }

    public String fileName() {
      Object name = metadata().get("fileName");
      return name == null ? (String) reference.get("documentId") : name.toString();
    }

    public long size() {
      return ((Number) metadata().get("size")).longValue();
    }
  }

  /**
   * What access to a document depends on: the user who uploaded it (the authenticated caller, not a
   * property the client wrote) and the process instance it was attached to ({@code null}: none).
   */
  public record Provenance(String uploadedBy, Long processInstanceKey) {}

  /** A link: where it points and until when it is valid. */
  public record Link(String token, Instant expiresAt) {}

  /**
   * @param clock the engine clock (epoch millis): link expiry and the times recorded
   */
  public DocumentStore(
      Path directory, long maxFileSize, List<String> contentTypes, LongSupplier clock) {
    this.directory = directory.toAbsolutePath().normalize();
    this.content = this.directory.resolve("content");
    this.metadata = this.directory.resolve("metadata");
    this.deleted = this.directory.resolve("deleted");
    this.upload = this.directory.resolve(".upload");
    this.maxFileSize = maxFileSize;
    this.contentTypes =
        contentTypes.stream().map(type -> type.trim().toLowerCase(Locale.ROOT)).toList();
    this.clock = clock;
    try {
      for (Path dir : List.of(content, metadata, deleted, upload)) {
        Files.createDirectories(dir);
      }
      DocumentFiles.clear(upload);
      this.links = DocumentLinks.open(this.directory, upload);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the document store in " + this.directory, e);
    }
  }

  public Path directory() {
    return directory;
  }

  /** Where the servlet container may put parts being received (same file system as the store). */
  public Path uploadDirectory() {
    return upload;
  }

  /**
   * Stores one document durably and returns its reference.
   *
   * @param documentId the id asked for, or {@code null} for a new UUID
   * @param requested the metadata sent with the upload ({@code fileName}, {@code contentType},
   *     {@code expiresAt}, {@code processDefinitionId}, {@code processInstanceKey}, {@code
   *     customProperties}); its {@code size} is ignored: the store counts
   * @param partFileName the file name of the multipart part, used when the metadata has none
   * @param partContentType the content type of the part, used when the metadata has none
   */
  public Map<String, Object> create(
      String documentId,
      InputStream bytes,
      Map<String, Object> requested,
      String partFileName,
      String partContentType,
      String uploadedBy) {
    String id =
        documentId == null || documentId.isBlank()
            ? UUID.randomUUID().toString()
            : DocumentInput.checkId(documentId);
    String fileName = DocumentInput.fileName(stringOf(requested.get("fileName")), partFileName);
    String contentType =
        DocumentInput.contentType(
            stringOf(requested.get("contentType")), partContentType, fileName, contentTypes);
    if (Files.exists(metadataFile(id))) {
      throw alreadyExists(id);
    }
    Path temp = upload.resolve(UUID.randomUUID() + ".part");
    try {
      String hash;
      long size;
      try {
        MessageDigest digest = DocumentFiles.sha256();
        size = DocumentFiles.copy(bytes, temp, digest, maxFileSize, id);
        hash = HexFormat.of().formatHex(digest.digest());
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("contentType", contentType);
      meta.put("fileName", fileName);
      meta.put("expiresAt", stringOf(requested.get("expiresAt")));
      meta.put("size", size);
      meta.put("processDefinitionId", stringOf(requested.get("processDefinitionId")));
      meta.put("processInstanceKey", stringOf(requested.get("processInstanceKey")));
      Object custom = requested.get("customProperties");
      meta.put("customProperties", custom instanceof Map<?, ?> map ? map : Map.of());
      Map<String, Object> reference = new LinkedHashMap<>();
      reference.put("camunda.document.type", DOCUMENT_TYPE);
      reference.put("storeId", STORE_ID);
      reference.put("documentId", id);
      reference.put("contentHash", hash);
      reference.put("metadata", meta);
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("reference", reference);
      record.put("uploadedBy", uploadedBy);
      record.put("uploadedAt", Instant.ofEpochMilli(clock.getAsLong()).toString());
      Path metaTemp = upload.resolve(UUID.randomUUID() + ".json");
      DocumentFiles.writeDurably(metaTemp, json.writeValueAsBytes(record));
      synchronized (lock) {
        if (Files.exists(metadataFile(id))) {
          Files.deleteIfExists(temp);
          Files.deleteIfExists(metaTemp);
          throw alreadyExists(id);
        }
        Files.move(temp, content.resolve(id), StandardCopyOption.ATOMIC_MOVE);
        DurableFiles.syncDirectory(content);
        Files.move(metaTemp, metadataFile(id), StandardCopyOption.ATOMIC_MOVE);
        DurableFiles.syncDirectory(metadata);
      }
      LOG.info(
          "Document {} stored ({} bytes, {}, uploaded by {})", id, size, contentType, uploadedBy);
      return reference;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store document " + id, e);
    }
  }

  /**
   * A document whose stored bytes match its content hash.
   *
   * @param contentHash when given, it must be the document's hash (else 404, as for an unknown id)
   * @throws DocumentException 404 for an unknown id or another hash; 500 when the stored bytes no
   *     longer match the hash (they are not served)
   */
  public Stored read(String documentId, String contentHash) {
    String id = DocumentInput.checkId(documentId);
    Map<String, Object> reference = reference(id);
    String hash = (String) reference.get("contentHash");
    if (contentHash != null && !contentHash.isBlank() && !contentHash.equalsIgnoreCase(hash)) {
      throw new DocumentException(
          404,
          "NOT_FOUND",
          "Document with id '" + id + "' and content hash '" + contentHash + "' not found");
    }
    Path file = content.resolve(id);
    try {
      String actual = DocumentFiles.sha256Hex(file);
      if (!actual.equals(hash)) {
        LOG.error(
            "Document {}: stored content has hash {}, expected {}; it is corrupt and not served",
            id,
            actual,
            hash);
        throw corrupt(id);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      LOG.error("Document {}: its content file {} is missing", id, file);
      throw corrupt(id);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read document " + id, e);
    }
    return new Stored(file, reference);
  }

  /**
   * Deletes a document and records who did, when and why ({@code deleted/}, kept for good): the
   * record is written and fsynced before the document goes, so no deletion goes unrecorded.
   *
   * @param reason why, as the deleting user gave it; {@code null} or blank when none was given
   * @return the deletion record
   */
  public Map<String, Object> delete(String documentId, String deletedBy, String reason) {
    String id = DocumentInput.checkId(documentId);
    String why = DocumentInput.reason(reason);
    synchronized (lock) {
      Map<String, Object> stored = record(id);
      Instant now = Instant.ofEpochMilli(clock.getAsLong());
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("reference", stored.get("reference"));
      record.put("uploadedBy", stored.get("uploadedBy"));
      record.put("uploadedAt", stored.get("uploadedAt"));
      record.put("deletedBy", deletedBy);
      record.put("deletedAt", now.toString());
      record.put("reason", why);
      try {
        Path temp = upload.resolve(UUID.randomUUID() + ".json");
        DocumentFiles.writeDurably(temp, json.writeValueAsBytes(record));
        Path target = deleted.resolve(id + "-" + now.toEpochMilli() + ".json");
        for (int n = 1; Files.exists(target); n++) {
          target = deleted.resolve(id + "-" + now.toEpochMilli() + "." + n + ".json");
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        DurableFiles.syncDirectory(deleted);
        Files.delete(metadataFile(id));
        DurableFiles.syncDirectory(metadata);
        Files.deleteIfExists(content.resolve(id));
        DurableFiles.syncDirectory(content);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot delete document " + id, e);
      }
      LOG.info(
          "Document {} ({}) deleted by {}{}",
          id,
          ((Map<?, ?>) stored.get("reference")).get("contentHash"),
          deletedBy,
          why == null ? "" : ", reason: " + why.replaceAll("\\p{Cntrl}", " "));
      return record;
    }
  }

  /**
   * Every deletion recorded, oldest first: {@code reference} (the deleted document's reference),
   * {@code uploadedBy}, {@code uploadedAt}, {@code deletedBy}, {@code deletedAt}, {@code reason}.
   */
  public List<Map<String, Object>> deletions() {
    List<Map<String, Object>> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(deleted)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        records.add(json.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {}));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the deletion records in " + deleted, e);
    }
    records.sort(
        Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get("deletedAt")))
            .thenComparing(r -> String.valueOf(documentIdOf(r))));
    return records;
  }

  private static Object documentIdOf(Map<String, Object> deletion) {
    return deletion.get("reference") instanceof Map<?, ?> reference
        ? reference.get("documentId")
        : null;
  }

  /**
   * A signed link to a document's content, valid for {@code timeToLiveMillis} by the engine clock.
   */
  public Link link(String documentId, String contentHash, long timeToLiveMillis) {
    if (timeToLiveMillis <= 0) {
      throw DocumentException.invalid(
          "Expected timeToLive to be a positive number of milliseconds, but was "
              + timeToLiveMillis);
    }
    Stored stored = read(documentId, contentHash);
    long expires;
    try {
      expires = Math.addExact(clock.getAsLong(), timeToLiveMillis);
    } catch (ArithmeticException e) {
      throw DocumentException.invalid("timeToLive is too large: " + timeToLiveMillis);
    }
    String token =
        links.token(
            stored.reference().get("documentId"), stored.reference().get("contentHash"), expires);
    return new Link(token, Instant.ofEpochMilli(expires));
  }

  /**
   * The document a link points to.
   *
   * @throws DocumentException 403 for a tampered or expired link; 404 when the document is gone
   */
  public Stored resolveLink(String token) {
    DocumentLinks.Target target = links.parse(token);
    long expires = target.expiresAtMillis();
    if (clock.getAsLong() >= expires) {
      throw DocumentException.forbidden(
          "The document link expired at " + Instant.ofEpochMilli(expires));
    }
    return read(target.documentId(), target.contentHash());
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Who uploaded a document and the process instance it belongs to, without reading its content.
   *
   * @throws DocumentException 404 for an unknown id
   */
  public Provenance provenance(String documentId) {
    Map<String, Object> record = record(DocumentInput.checkId(documentId));
    @SuppressWarnings("unchecked")
    Map<String, Object> meta =
        (Map<String, Object>) ((Map<String, Object>) record.get("reference")).get("metadata");
    Object key = meta == null ? null : meta.get("processInstanceKey");
    Long processInstanceKey = null;
    if (key != null) {
      try {
        processInstanceKey = Long.valueOf(key.toString().trim());
      } catch (NumberFormatException e) {
        LOG.debug("Document {} names no process instance ({})", documentId, key);
      }
    }
    return new Provenance(stringOf(record.get("uploadedBy")), processInstanceKey);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> reference(String id) {
    return (Map<String, Object>) record(id).get("reference");
  }

  private Map<String, Object> record(String id) {
    Path file = metadataFile(id);
    try {
      return json.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      throw DocumentException.notFound(id);
    } catch (IOException e) {
      if (!Files.exists(file)) {
        throw DocumentException.notFound(id);
      }
      throw new UncheckedIOException("Cannot read the metadata of document " + id, e);
    }
  }

  private Path metadataFile(String id) {
    return metadata.resolve(id + ".json");
  }

  private static String stringOf(Object value) {
    return value == null ? null : value.toString();
  }

  private static DocumentException alreadyExists(String id) {
    return new DocumentException(
        409, "ALREADY_EXISTS", "Document with id '" + id + "' already exists");
  }

  private static DocumentException corrupt(String id) {
    return new DocumentException(
        500,
        "INTERNAL",
        "The stored content of document '"
            + id
            + "' does not match its content hash; it is not served. Restore it from a backup.");
  }
}
