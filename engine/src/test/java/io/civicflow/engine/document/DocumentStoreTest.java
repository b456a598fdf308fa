package io.civicflow.engine.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on its own: what a crash leaves behind, ids, links across a restart, by its clock. */
class DocumentStoreTest {

  @TempDir Path directory;
  private final AtomicLong clock = new AtomicLong(1_000_000);

  private DocumentStore open() {
    return new DocumentStore(directory, 1024, List.of("text/plain", "image/*"), clock::get);
  }

  private static Map<String, Object> store(DocumentStore store, String id, String text) {
    return store.create(
        id,
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        Map.of("fileName", "记录.txt"),
        null,
        "text/plain; charset=UTF-8",
        "civil1");
  }

  @Test
  void whatACrashLeftBehindIsNeverServedAndIsClearedAtStart() throws Exception {
    DocumentStore store = open();
    // a crash after the content was moved but before its metadata: the upload was not answered
    Files.writeString(directory.resolve("content/half-done"), "partial");
    Files.writeString(directory.resolve(".upload/123.part"), "partial");

    DocumentStore restarted = open();

    assertThat(Files.list(directory.resolve(".upload")).toList()).isEmpty();
    DocumentException missing =
        catchThrowableOfType(DocumentException.class, () -> restarted.read("half-done", null));
    assertThat(missing.status()).isEqualTo(404);
    // and the id stays usable: an upload under it replaces the orphan
    store(restarted, "half-done", "complete");
    assertThat(Files.readString(restarted.read("half-done", null).content())).isEqualTo("complete");
    assertThat(store).isNotNull();
  }

  @Test
  void anIdIsTakenOnceAndMustNameAFileInsideTheStore() {
    DocumentStore store = open();
    store(store, "contract-1", "a");

    assertThat(
            catchThrowableOfType(DocumentException.class, () -> store(store, "contract-1", "b"))
                .status())
        .isEqualTo(409);
    for (String escape :
        List.of("..", "../x", "/etc/passwd", "a/b", "a\\b", "a\u0000b", ".hidden")) {
      assertThat(catchThrowableOfType(DocumentException.class, () -> store(store, escape, "x")))
          .as(escape)
          .extracting(DocumentException::status)
          .isEqualTo(400);
    }
    assertThat(Files.exists(directory.resolve("x"))).isFalse();
  }

  @Test
  void linksAreSignedWithAKeptKeyAndExpireByTheGivenClock() {
    DocumentStore store = open();
    store(store, "notice", "成交通知书");
    DocumentStore.Link link = store.link("notice", null, 60_000);

    DocumentStore restarted = open();
    assertThat(restarted.resolveLink(link.token()).reference())
        .containsEntry("documentId", "notice");

    clock.addAndGet(60_000);
    assertThat(
            catchThrowableOfType(DocumentException.class, () -> restarted.resolveLink(link.token()))
                .status())
        .isEqualTo(403);
  }

  @Test
  void withoutAContentTypeTheFileNameDecides() {
    DocumentStore store = open();
    Map<String, Object> reference =
        store.create(
            null,
            new ByteArrayInputStream(new byte[] {1, 2, 3}),
            Map.of("fileName", "现场照片.png"),
            null,
            "application/octet-stream",
            "civil1");
    assertThat(reference.get("metadata")).asString().contains("contentType=image/png");
    DocumentException refused =
        catchThrowableOfType(
            DocumentException.class,
            () ->
                store.create(
                    null, new ByteArrayInputStream(new byte[] {1}), Map.of(), "x.bin", null, "u"));
    assertThat(refused.status()).isEqualTo(415);
  }

  @Test
  void aFileOverTheLimitLeavesNothingBehind() throws Exception {
    DocumentStore store = open();
    DocumentException tooLarge =
        catchThrowableOfType(DocumentException.class, () -> store(store, "big", "x".repeat(1025)));
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(Files.list(directory.resolve(".upload")).toList()).isEmpty();
    assertThat(Files.list(directory.resolve("content")).toList()).isEmpty();
  }
}
