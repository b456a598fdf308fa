package io.civicflow.workers.registry.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * The Elasticsearch server of the application and its client.
 *
 * <ul>
 *   <li>{@code civicflow.registry.elasticsearch.url} set (the {@code camunda} profile, tests): that
 *       server, which someone else runs.
 *   <li>otherwise (the default, embedded run): a local server on 127.0.0.1:{@code
 *       civicflow.registry.elasticsearch.port} (9200), started by this application with {@link
 *       ElasticsearchLauncher} from the distribution the build unpacks ({@code
 *       civicflow.registry.elasticsearch.home}, else {@code workers/target/elasticsearch/
 *       elasticsearch-*} or {@code target/elasticsearch/elasticsearch-*} from the working
 *       directory), data in {@code civicflow.registry.elasticsearch.data-dir} ({@code
 *       ./data/elasticsearch}), stopped when the application stops. A server that already answers
 *       on the port (e.g. {@code scripts/elasticsearch.sh}) is used instead of starting one.
 * </ul>
 */
public final class RegistryElasticsearch implements AutoCloseable {

  static final String PREFIX = "civicflow.registry.elasticsearch.";
  private static final Logger LOG = LoggerFactory.getLogger(RegistryElasticsearch.class);

  private final URI baseUri;
  private final ElasticsearchLauncher launcher;
  private final ElasticsearchClient client;

  private RegistryElasticsearch(URI baseUri, ElasticsearchLauncher launcher) {
    this.baseUri = baseUri;
    this.launcher = launcher;
    this.client = ElasticsearchClientFactory.create(baseUri);
  }

  static RegistryElasticsearch connect(Environment environment) {
    String url = environment.getProperty(PREFIX + "url");
    if (url != null && !url.isBlank()) {
      LOG.info("Registry: Elasticsearch at {}", url);
      return new RegistryElasticsearch(URI.create(url.trim()), null);
    }
    int port =
        environment.getProperty(PREFIX + "port", Integer.class, ElasticsearchLauncher.DEFAULT_PORT);
    URI local = URI.create("http://127.0.0.1:" + port);
    if (ElasticsearchLauncher.isRunning(local)) {
      LOG.info("Registry: using the Elasticsearch that already runs on {}", local);
      return new RegistryElasticsearch(local, null);
    }
    Path home = home(environment.getProperty(PREFIX + "home"));
    Path dataDir = Path.of(environment.getProperty(PREFIX + "data-dir", "./data/elasticsearch"));
    ElasticsearchLauncher launcher =
        new ElasticsearchLauncher(ElasticsearchLauncher.Settings.of(home, dataDir, port));
    launcher.start();
    return new RegistryElasticsearch(launcher.baseUri(), launcher);
  }

  public URI baseUri() {
    return baseUri;
  }

  public ElasticsearchClient client() {
    return client;
  }

  @Override
  public void close() throws IOException {
    client._transport().close();
    if (launcher != null) {
      launcher.stop();
    }
  }

  /** The configured distribution, or the one the build unpacked below the working directory. */
  static Path home(String configured) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path unpacked :
        List.of(
            Path.of("workers", "target", "elasticsearch"), Path.of("target", "elasticsearch"))) {
      if (!Files.isDirectory(unpacked)) {
        continue;
      }
      try (DirectoryStream<Path> homes = Files.newDirectoryStream(unpacked, "elasticsearch-*")) {
        for (Path home : homes) {
          if (Files.isRegularFile(home.resolve("bin/elasticsearch"))) {
            return home;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException(
        "No Elasticsearch for the registry: run `mvn -B -q package -DskipTests` from the repository"
            + " root (it unpacks the distribution into workers/target/elasticsearch) and start the"
            + " application from there, or set "
            + PREFIX
            + "home to an unpacked distribution, or "
            + PREFIX
            + "url to a running server");
  }
}
