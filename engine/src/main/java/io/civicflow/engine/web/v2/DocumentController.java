package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.engine.access.AccessCheck;
import io.civicflow.engine.access.AuthorizationGrant;
import io.civicflow.engine.access.AuthorizedReadModel;
import io.civicflow.engine.access.EngineAccess;
import io.civicflow.engine.access.PermissionType;
import io.civicflow.engine.access.ResourceType;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.document.DocumentException;
import io.civicflow.engine.document.DocumentStore;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.web.auth.Identity;
import io.civicflow.engine.web.error.Problem;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camunda 8.8's document API on the engine's {@link DocumentStore}:
 *
 * <ul>
 *   <li>{@code POST /v2/documents} (part {@code file}, optional part {@code metadata}, query {@code
 *       documentId}, {@code storeId}) → 201 reference;
 *   <li>{@code POST /v2/documents/batch} (parts {@code files}, each with an optional {@code
 *       X-Document-Metadata} header) → 201, or 207 when some failed;
 *   <li>{@code GET /v2/documents/{id}} ({@code storeId}, {@code contentHash}) → the bytes;
 *   <li>{@code DELETE /v2/documents/{id}} (optional {@code reason}) → 204, with {@code DOCUMENT
 *       DELETE} only; the deletion is recorded;
 *   <li>{@code POST /v2/documents/deletions/search} → the recorded deletions, with {@code DOCUMENT
 *       READ} on {@code *} (an auditor);
 *   <li>{@code POST /v2/documents/{id}/links} ({@code {"timeToLive": ms}}) → 201 {@code {url,
 *       expiresAt}}; the URL ({@code /v2/document-links/{token}}) serves the content without
 *       credentials until it expires.
 * </ul>
 *
 * Reading a document's content and creating a link to it is allowed to an administrator, to a
 * caller with {@code DOCUMENT READ} on {@code *}, to the user who uploaded it, and, for a document
 * attached to a process instance ({@code metadata.processInstanceKey}), to whoever may read that
 * instance's variables ({@link AuthorizedReadModel#readsInsideOf}), and to whoever may read a
 * variable that holds its reference (a document handed on to another instance); anyone else gets
 * 403.
 *
 * <p>A servlet of its own rather than a Spring MVC controller, so uploads get the document limits
 * ({@code civicflow.engine.documents.max-file-size}, {@code .max-request-size}) from its own
 * multipart configuration instead of the small limits the rest of the API has. Authentication is
 * the engine's filter, as for every {@code /v2} path ({@code /v2/document-links/} is open: the
 * signed link is the credential).
 */
public final class DocumentController extends HttpServlet {

  public static final String DOCUMENTS_PATH = "/v2/documents";
  public static final String LINKS_PATH = "/v2/document-links";

  private static final Logger LOG = LoggerFactory.getLogger(DocumentController.class);
  private static final String METADATA_HEADER = "X-Document-Metadata";

  private final transient DocumentStore store;
  private final transient ObjectMapper json;
  private final Duration defaultLinkTimeToLive;
  private final transient AccessCheck access;
  private final transient EngineAccess engineAccess;

  /**
   * @param engineAccess who may create, read and delete documents ({@code DOCUMENT}: {@code
   *     CREATE}, {@code READ}, {@code DELETE}, as Camunda 8.8) and who may read a process instance
   */
  public DocumentController(
      DocumentStore store,
      ObjectMapper json,
      Duration defaultLinkTimeToLive,
      EngineAccess engineAccess) {
    this.store = store;
    this.json = json;
    this.defaultLinkTimeToLive = defaultLinkTimeToLive;
    this.engineAccess = engineAccess;
    this.access = engineAccess.check();
  }

  /**
   * Refuses with 403 unless the caller may read the document: administrators and {@code DOCUMENT
   * READ} on {@code *}, its uploader, a reader of the process instance it is attached to, or a
   * reader of a variable holding its reference.
   */
  private void requireRead(Identity identity, String documentId) {
    if (access.allows(
        identity, ResourceType.DOCUMENT, PermissionType.READ, AuthorizationGrant.WILDCARD)) {
      return;
    }
    DocumentStore.Provenance provenance = store.provenance(documentId);
    if (identity.username().equals(provenance.uploadedBy())) {
      return;
    }
    Long instance = provenance.processInstanceKey();
    ReadModel readable = engineAccess.as(identity).readModel();
    if (instance != null && AuthorizedReadModel.readsInsideOf(readable, instance)) {
      return;
    }
    // handed on to another instance (a paper bid's scan in the round its experts score): a
    // variable the caller may read holds its reference
    String quoted = "\"" + documentId + "\"";
    if (readable.variables().stream()
        .anyMatch(v -> v.value() != null && v.value().contains(quoted))) {
      return;
    }
    LOG.info(
        "Refused document {} to user {} (not its uploader, no reader of process instance {} nor"
            + " of a variable holding it)",
        documentId,
        identity.username(),
        instance);
    throw AccessCheck.forbidden(PermissionType.READ, ResourceType.DOCUMENT, documentId);
  }

  private void require(Identity identity, PermissionType permission) {
    access.require(identity, ResourceType.DOCUMENT, permission, AuthorizationGrant.WILDCARD);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    try {
      route(request, response);
    } catch (DocumentException e) {
      problem(request, response, e.status(), e.title(), e.getMessage());
    } catch (EngineRejection e) {
      problem(request, response, e.type().httpStatus(), e.type().name(), e.getMessage());
    } catch (IllegalStateException e) {
      if (isSizeLimit(e)) {
        problem(
            request,
            response,
            413,
            "PAYLOAD_TOO_LARGE",
            "The upload is larger than allowed (civicflow.engine.documents.max-file-size per"
                + " file, .max-request-size per request): "
                + e.getCause().getMessage());
      } else {
        throw e;
      }
    } catch (UncheckedIOException e) {
      LOG.error("Document request {} {} failed", request.getMethod(), request.getRequestURI(), e);
      problem(request, response, 500, "INTERNAL", e.getMessage());
    }
  }

  private void route(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String method = request.getMethod();
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    String[] segments =
        path.isEmpty() || path.equals("/") ? new String[0] : path.substring(1).split("/", -1);
    if (LINKS_PATH.equals(request.getServletPath())) {
      if (method.equals("GET") && segments.length == 1) {
        serve(response, store.resolveLink(segments[0]), true);
        return;
      }
      throw new DocumentException(404, "NOT_FOUND", "No such document link");
    }
    Identity identity = Identity.of(request);
    if (segments.length == 0 && method.equals("POST")) {
      require(identity, PermissionType.CREATE);
      checkStore(request);
      created(response, 201, createOne(request, identity));
    } else if (segments.length == 1 && segments[0].equals("batch") && method.equals("POST")) {
      require(identity, PermissionType.CREATE);
      checkStore(request);
      createBatch(request, response, identity);
    } else if (segments.length == 1 && method.equals("GET")) {
      checkStore(request);
      requireRead(identity, segments[0]);
      serve(response, store.read(segments[0], request.getParameter("contentHash")), false);
    } else if (segments.length == 1 && method.equals("DELETE")) {
      checkStore(request);
      if (!access.allows(
          identity, ResourceType.DOCUMENT, PermissionType.DELETE, AuthorizationGrant.WILDCARD)) {
        LOG.info(
            "Refused to delete document {} for user {} (no DOCUMENT DELETE)",
            segments[0],
            identity.username());
        throw AccessCheck.forbidden(
            PermissionType.DELETE, ResourceType.DOCUMENT, AuthorizationGrant.WILDCARD);
      }
      store.delete(segments[0], identity.username(), request.getParameter("reason"));
      response.setStatus(204);
    } else if (segments.length == 2
        && segments[0].equals("deletions")
        && segments[1].equals("search")
        && method.equals("POST")) {
      if (!access.allows(
          identity, ResourceType.DOCUMENT, PermissionType.READ, AuthorizationGrant.WILDCARD)) {
        throw AccessCheck.forbidden(
            PermissionType.READ, ResourceType.DOCUMENT, AuthorizationGrant.WILDCARD);
      }
      searchDeletions(request, response);
    } else if (segments.length == 2 && segments[1].equals("links") && method.equals("POST")) {
      checkStore(request);
      requireRead(identity, segments[0]);
      link(request, response, segments[0]);
    } else {
      throw new DocumentException(
          404, "NOT_FOUND", "No document endpoint " + method + " " + request.getRequestURI());
    }
  }

  private Map<String, Object> createOne(HttpServletRequest request, Identity identity)
      throws IOException, ServletException {
    Part file =
        multipart(request).stream()
            .filter(p -> p.getName().equals("file"))
            .findFirst()
            .orElseThrow(
                () ->
                    new DocumentException(
                        400,
                        "INVALID_ARGUMENT",
                        "Expected a multipart part 'file', but none was sent"));
    Part metadataPart = request.getPart("metadata");
    Map<String, Object> metadata =
        metadataPart == null ? Map.of() : metadata(text(metadataPart), "metadata");
    try (InputStream in = file.getInputStream()) {
      return store.create(
          request.getParameter("documentId"),
          in,
          metadata,
          file.getSubmittedFileName(),
          file.getContentType(),
          identity.username());
    } finally {
      file.delete();
    }
  }

  private void createBatch(
      HttpServletRequest request, HttpServletResponse response, Identity identity)
      throws IOException, ServletException {
    List<Map<String, Object>> created = new ArrayList<>();
    List<Map<String, Object>> failed = new ArrayList<>();
    List<Part> files =
        multipart(request).stream().filter(p -> p.getName().equals("files")).toList();
    if (files.isEmpty()) {
      throw new DocumentException(
          400, "INVALID_ARGUMENT", "Expected multipart parts 'files', but none was sent");
    }
    for (Part file : files) {
      String fileName = file.getSubmittedFileName();
      try (InputStream in = file.getInputStream()) {
        String header = file.getHeader(METADATA_HEADER);
        Map<String, Object> metadata =
            header == null ? Map.of() : metadata(header, METADATA_HEADER);
        if (metadata.get("fileName") != null) {
          fileName = metadata.get("fileName").toString();
        }
        created.add(
            store.create(
                null,
                in,
                metadata,
                file.getSubmittedFileName(),
                file.getContentType(),
                identity.username()));
      } catch (DocumentException e) {
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("fileName", fileName);
        failure.put("detail", e.getMessage());
        failed.add(failure);
      } finally {
        file.delete();
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("createdDocuments", created);
    body.put("failedDocuments", failed);
    created(response, failed.isEmpty() ? 201 : 207, body);
  }

  /**
   * {@code POST /v2/documents/deletions/search}: the recorded deletions, oldest first, optionally
   * filtered by {@code filter.documentId}, {@code filter.deletedBy} or {@code
   * filter.processInstanceKey} (of the deleted document).
   */
  private void searchDeletions(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body = request.getInputStream().readNBytes(64 * 1024);
    JsonNode filter = null;
    if (body.length > 0) {
      try {
        JsonNode node = json.readTree(body);
        filter = node == null ? null : node.get("filter");
      } catch (IOException e) {
        throw new DocumentException(400, "INVALID_ARGUMENT", "The search request is not JSON");
      }
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (Map<String, Object> deletion : store.deletions()) {
      if (matches(filter, deletion)) {
        items.add(deletion);
      }
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("items", items);
    answer.put("page", Map.of("totalItems", items.size()));
    created(response, 200, answer);
  }

  @SuppressWarnings("unchecked")
  private static boolean matches(JsonNode filter, Map<String, Object> deletion) {
    if (filter == null || filter.isNull()) {
      return true;
    }
    Map<String, Object> reference =
        deletion.get("reference") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    Map<String, Object> metadata =
        reference.get("metadata") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    return same(filter.get("documentId"), reference.get("documentId"))
        && same(filter.get("deletedBy"), deletion.get("deletedBy"))
        && same(filter.get("processInstanceKey"), metadata.get("processInstanceKey"));
  }

  private static boolean same(JsonNode wanted, Object actual) {
    return wanted == null
        || wanted.isNull()
        || (actual != null && wanted.asText().equals(String.valueOf(actual)));
  }

  private void link(HttpServletRequest request, HttpServletResponse response, String documentId)
      throws IOException {
    long timeToLive = defaultLinkTimeToLive.toMillis();
    byte[] body = request.getInputStream().readNBytes(64 * 1024);
    if (body.length > 0) {
      JsonNode node;
      try {
        node = json.readTree(body);
      } catch (IOException e) {
        throw new DocumentException(400, "INVALID_ARGUMENT", "The link request is not JSON");
      }
      JsonNode ttl = node == null ? null : node.get("timeToLive");
      if (ttl != null && !ttl.isNull()) {
        if (!ttl.canConvertToExactIntegral()) {
          throw new DocumentException(
              400,
              "INVALID_ARGUMENT",
              "Expected timeToLive to be a number of milliseconds, but was " + ttl);
        }
        timeToLive = ttl.asLong();
      }
    }
    DocumentStore.Link link =
        store.link(documentId, request.getParameter("contentHash"), timeToLive);
    String base =
        request.getScheme()
            + "://"
            + request.getServerName()
            + ":"
            + request.getServerPort()
            + request.getContextPath();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("url", base + LINKS_PATH + "/" + link.token());
    answer.put("expiresAt", link.expiresAt().toString());
    created(response, 201, answer);
  }

  private void serve(HttpServletResponse response, DocumentStore.Stored stored, boolean viaLink)
      throws IOException {
    String type = stored.contentType();
    boolean inline = type.startsWith("application/pdf") || type.startsWith("image/");
    response.setStatus(200);
    response.setContentType(type);
    response.setContentLengthLong(stored.size());
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", viaLink ? "private, no-store" : "private");
    response.setHeader("Content-Disposition", disposition(inline, stored.fileName()));
    Files.copy(stored.content(), response.getOutputStream());
  }

  /** RFC 6266: an ASCII fallback and the UTF-8 name ({@code filename*}), so Chinese names work. */
  static String disposition(boolean inline, String fileName) {
    StringBuilder ascii = new StringBuilder();
    fileName
        .codePoints()
        .forEach(
            c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
    return (inline ? "inline" : "attachment")
        + "; filename=\""
        + ascii
        + "\"; filename*=UTF-8''"
        + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Collection<Part> multipart(HttpServletRequest request)
      throws IOException, ServletException {
    String type = request.getContentType();
    if (type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
      throw new DocumentException(
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "Expected a multipart/form-data request, but the content type was " + type);
    }
    return request.getParts();
  }

  private Map<String, Object> metadata(String text, String where) {
    try {
      Map<String, Object> metadata = json.readValue(text, new TypeReference<>() {});
      return metadata == null ? Map.of() : metadata;
    } catch (IOException e) {
      throw new DocumentException(
          400,
          "INVALID_ARGUMENT",
          "Expected " + where + " to be a JSON object of document metadata");
    }
  }

  private static String text(Part part) throws IOException {
    try (InputStream in = part.getInputStream()) {
      return new String(in.readNBytes(1024 * 1024), StandardCharsets.UTF_8);
    }
  }

  private static void checkStore(HttpServletRequest request) {
    String storeId = request.getParameter("storeId");
    if (storeId != null && !storeId.isBlank() && !storeId.equals(DocumentStore.STORE_ID)) {
      throw new DocumentException(
          400,
          "INVALID_ARGUMENT",
          "Document store '"
              + storeId
              + "' does not exist; the engine has '"
              + DocumentStore.STORE_ID
              + "'");
    }
  }

  private static boolean isSizeLimit(IllegalStateException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().contains("SizeLimitExceeded")
          || t.getClass().getSimpleName().equals("SizeException")) {
        return true;
      }
    }
    return false;
  }

  private void created(HttpServletResponse response, int status, Object body) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), body);
  }

  private void problem(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String title,
      String detail)
      throws IOException {
    if (response.isCommitted()) {
      LOG.warn(
          "Document request {} failed after the answer began: {}", request.getRequestURI(), detail);
      return;
    }
    response.reset();
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    json.writeValue(
        response.getOutputStream(), Problem.of(title, status, detail, request.getRequestURI()));
  }
}
