package io.civicflow.workers.registry.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.civicflow.workers.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Elasticsearch server of a test JVM, given to tests by {@link ElasticsearchExtension}:
 * one per JVM on a free port, with a fresh work directory under {@code target/elasticsearch-test/}
 * that is deleted when the test run ends.
 *
 * <p>{@link #stop()} and {@link #start()} let a scenario take the server away and bring it back on
 * the same data; the {@link #client()} keeps working after the restart (same port). The server is
 * shared by all test classes — JUnit tests through the extension and the process tests' Spring
 * context through {@link #shared()} — so a test that stops it must start it again (in a {@code
 * finally}), and a test that needs empty indices calls {@link #clearRegistry()} rather than
 * deleting indices the application's context already uses.
 */
public final class ElasticsearchTestServer implements ExtensionContext.Store.CloseableResource {

  /** System property with the unpacked distribution; set by the workers pom for Surefire. */
  public static final String HOME_PROPERTY = "civicflow.elasticsearch.home";

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchTestServer.class);

  private static ElasticsearchTestServer shared;

  private final ElasticsearchLauncher launcher;
  private final ElasticsearchClient client;
  private boolean closed;

  private ElasticsearchTestServer(ElasticsearchLauncher launcher) {
    this.launcher = launcher;
    this.client = ElasticsearchClientFactory.create(launcher.baseUri());
  }

  /** The one server of this test JVM, started on first use and closed when the JVM exits. */
  public static synchronized ElasticsearchTestServer shared() {
    if (shared == null) {
      ElasticsearchTestServer server = startNew();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(server::closeQuietly, "elasticsearch-test-cleanup"));
      shared = server;
    }
    return shared;
  }

  /**
   * Makes sure every registry index exists and empties them all (the indices stay, so a Spring
   * context that already uses them keeps working). A test-only operation: the application has no
   * way to delete records.
   */
  public void clearRegistry() {
    ElasticsearchDocumentStore store = new ElasticsearchDocumentStore(client, RegistryIndices.ALL);
    store.ensureIndices();
    try {
      // the minimal distribution has no _delete_by_query (reindex module): ids, then a bulk delete
      for (IndexDefinition index : RegistryIndices.ALL) {
        while (true) {
          List<String> ids =
              client
                  .search(
                      s -> s.index(index.alias()).size(1000).source(src -> src.fetch(false)),
                      Void.class)
                  .hits()
                  .hits()
                  .stream()
                  .map(Hit::id)
                  .toList();
          if (ids.isEmpty()) {
            break;
          }
          client.bulk(
              b -> {
                ids.forEach(id -> b.operations(o -> o.delete(d -> d.index(index.alias()).id(id))));
                return b.refresh(Refresh.True);
              });
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A store over the registry's indices, as the application builds it. */
  public ElasticsearchDocumentStore registryStore() {
    return new ElasticsearchDocumentStore(client, RegistryIndices.ALL);
  }

  private void closeQuietly() {
    try {
      close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not clean up the Elasticsearch test server: {}", e.getMessage());
    }
  }

  /**
   * A server of the caller's own, on another free port and work directory, for a test that kills
   * and restarts it (the shared one serves every other test); {@link #close()} it when done.
   */
  public static ElasticsearchTestServer dedicated() {
    return startNew();
  }

  static ElasticsearchTestServer startNew() {
    try {
      Path parent =
          Files.createDirectories(Path.of("target", "elasticsearch-test").toAbsolutePath());
      Path workDir = Files.createTempDirectory(parent, "run-");
      ElasticsearchLauncher launcher =
          new ElasticsearchLauncher(
              ElasticsearchLauncher.Settings.of(distributionHome(), workDir, FreePorts.next()));
      launcher.start();
      return new ElasticsearchTestServer(launcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ElasticsearchClient client() {
    return client;
  }

  public URI baseUri() {
    return launcher.baseUri();
  }

  public Path workDir() {
    return launcher.settings().workDir();
  }

  public boolean isStarted() {
    return launcher.isStarted();
  }

  /** Stops the server; its data stays. */
  public void stop() {
    launcher.stop();
  }

  /** Kills the server (SIGKILL); its data stays. */
  public void kill() {
    launcher.kill();
  }

  /** Starts the server again on the same port and data; returns once health is yellow. */
  public void start() {
    launcher.start();
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    client._transport().close();
    launcher.stop();
    try (Stream<Path> paths = Files.walk(workDir())) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
    LOG.info("Deleted Elasticsearch test work directory {}", workDir());
  }

  private static Path distributionHome() throws IOException {
    String property = System.getProperty(HOME_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    // run from an IDE without the Surefire configuration: the one unpacked by the build
    Path unpacked = Path.of("target", "elasticsearch");
    if (Files.isDirectory(unpacked)) {
      try (DirectoryStream<Path> homes = Files.newDirectoryStream(unpacked, "elasticsearch-*")) {
        for (Path home : homes) {
          return home;
        }
      }
    }
    throw new IllegalStateException(
        "No Elasticsearch distribution: set -D"
            + HOME_PROPERTY
            + " or run `mvn -pl workers generate-test-resources` first");
  }
}
