package io.civicflow.workers.registry.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops a real single-node Elasticsearch server from the unpacked minimal distribution
 * ({@code org.elasticsearch.distribution.integ-test-zip:elasticsearch}), for the tests. No Docker,
 * no mock. Test code only: the application never starts a server (for running it locally, {@code
 * scripts/elasticsearch.sh} starts one with the same node settings; keep the two in step).
 *
 * <p>The node binds to 127.0.0.1 only, with security off, {@code discovery.type=single-node}, a 512
 * MB heap, the running JVM as its Java ({@code ES_JAVA_HOME}), disk-watermark allocation checks off
 * (a nearly full developer disk must not turn indices read-only) and automatic index creation off
 * (every index is created with an explicit mapping by {@link ElasticsearchIndices}).
 *
 * <p>Everything the node writes lives in the work directory: {@code config/} (a copy of the
 * distribution's, where Elasticsearch keeps its keystore), {@code data/}, {@code logs/}, {@code
 * tmp/} and {@code console.log}. Starting again on the same work directory finds the same data.
 * When this process runs as root, the node runs as the unprivileged {@value
 * ServiceAccount#DEFAULT_USER} user (see {@link ServiceAccount}).
 *
 * <p>Not a daemon manager: the node is a child of this JVM and is stopped by {@link #stop()}, by
 * {@link #close()}, or by a shutdown hook when the JVM exits normally.
 */
public final class ElasticsearchLauncher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchLauncher.class);
  private static final String HOST = "127.0.0.1";
  private static final String CLUSTER_NAME = "civicflow";
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  private static final int LOG_TAIL_LINES = 40;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * Where and how to run the node.
   *
   * @param home the unpacked distribution, e.g. {@code
   *     workers/target/elasticsearch/elasticsearch-8.19.4}
   * @param workDir the node's own directory (created if missing); reuse it to keep the data
   * @param port the HTTP port on 127.0.0.1
   * @param startTimeout how long to wait for cluster health yellow
   */
  public record Settings(Path home, Path workDir, int port, Duration startTimeout) {
    public Settings {
      home = home.toAbsolutePath().normalize();
      workDir = workDir.toAbsolutePath().normalize();
      Objects.requireNonNull(startTimeout, "startTimeout");
    }

    public static Settings of(Path home, Path workDir, int port) {
      // five minutes: on a machine shared by several builds (load 25 and more on two cores) a
      // node has been seen to need more than two
      return new Settings(home, workDir, port, Duration.ofMinutes(5));
    }
  }

  private final Settings settings;
  private final ServiceAccount account;
  private Process process;
  private Thread shutdownHook;

  public ElasticsearchLauncher(Settings settings) {
    this.settings = settings;
    this.account = ServiceAccount.forCurrentProcess(ServiceAccount.DEFAULT_USER);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
    return URI.create("http://" + HOST + ":" + settings.port());
  }

  public Settings settings() {
    return settings;
  }

  /** Whether this launcher's node process is alive. */
  public synchronized boolean isStarted() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the node and returns once its cluster health is at least yellow.
   *
   * @throws IllegalStateException if something already serves Elasticsearch on the port, or the
   *     node exits or does not become healthy within the start timeout (with the tail of its log)
   */
  public synchronized void start() {
    if (isStarted()) {
      throw new IllegalStateException("Elasticsearch is already started on " + baseUri());
    }
    if (isRunning(baseUri())) {
      throw new IllegalStateException(
          "An Elasticsearch server already answers on "
              + baseUri()
              + ": reuse it (ElasticsearchLauncher.isRunning) or choose another port");
    }
    long startedAt = System.nanoTime();
    try {
      prepareWorkDir();
      Path console = settings.workDir().resolve("console.log");
      ProcessBuilder builder =
          new ProcessBuilder(account.wrap(command()))
              .directory(settings.workDir().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
      builder.environment().keySet().removeIf(ElasticsearchLauncher::isJavaVariable);
      LOG.info(
          "Starting Elasticsearch on {} (home {}, work directory {}{})",
          baseUri(),
          settings.home(),
          settings.workDir(),
          account.switchesUser() ? ", as user " + account.user() : "");
      Process started = builder.start();
      process = started;
      // no lock: the hook must not wait for a start() that holds it
      shutdownHook = new Thread(() -> terminate(started), "elasticsearch-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      awaitHealthy(startedAt);
    } catch (IOException e) {
      stop();
      throw new UncheckedIOException("Could not start Elasticsearch: " + e.getMessage(), e);
    }
    LOG.info(
        "Elasticsearch started on {} in {} ms",
        baseUri(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
  }

  /**
   * Stops the node: SIGTERM to its processes (Elasticsearch closes cleanly), waits for them to
   * exit, and kills whatever is left after a minute. Does nothing if not started. The data stays in
   * the work directory.
   */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    Process root = process;
    process = null;
    removeShutdownHook();
    terminate(root);
  }

  /**
   * Kills the node at once (SIGKILL to its processes, as a crash or an out-of-memory killer would)
   * and waits until they are gone. Does nothing if not started. The data stays in the work
   * directory; {@link #start()} recovers it.
   */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    Process root = process;
    process = null;
    removeShutdownHook();
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.add(root.toHandle());
    tree.forEach(ProcessHandle::destroyForcibly);
    awaitExit(tree, STOP_TIMEOUT);
    LOG.info("Elasticsearch on {} killed", baseUri());
  }

  private void terminate(Process root) {
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    if (tree.isEmpty()) {
      root.destroy();
    } else {
      // not the root: runuser/su answer SIGTERM by killing their child after two seconds
      tree.forEach(ProcessHandle::destroy);
    }
    tree.add(root.toHandle());
    if (!awaitExit(tree, STOP_TIMEOUT)) {
      LOG.warn("Elasticsearch did not stop within {}; killing it", STOP_TIMEOUT);
      tree.forEach(ProcessHandle::destroyForcibly);
      awaitExit(tree, STOP_TIMEOUT);
    }
    LOG.info("Elasticsearch on {} stopped", baseUri());
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Whether an Elasticsearch server answers {@code GET /_cluster/health} at {@code baseUri} — for
   * reusing one that is already running (for example one started by {@code
   * scripts/elasticsearch.sh}).
   */
  public static boolean isRunning(URI baseUri) {
    return clusterHealthStatus(baseUri, "_cluster/health", Duration.ofSeconds(2)) == 200;
  }

  private List<String> command() {
    Path workDir = settings.workDir();
    Path tmp = workDir.resolve("tmp");
    List<String> command = new ArrayList<>();
    // env makes the variables explicit whatever runuser/su keep of the environment
    command.addAll(
        List.of(
            "env",
            "ES_JAVA_HOME=" + System.getProperty("java.home"),
            "ES_JAVA_OPTS=-Xms512m -Xmx512m",
            "ES_PATH_CONF=" + workDir.resolve("config"),
            "ES_TMPDIR=" + tmp,
            "CLI_JAVA_OPTS=-Djava.io.tmpdir=" + tmp));
    command.addAll(List.of("/bin/bash", settings.home().resolve("bin/elasticsearch").toString()));
    for (String setting :
        List.of(
            "cluster.name=" + CLUSTER_NAME,
            "node.name=" + CLUSTER_NAME + "-" + settings.port(),
            "network.host=" + HOST,
            "http.port=" + settings.port(),
            "discovery.type=single-node",
            "xpack.security.enabled=false",
            "cluster.routing.allocation.disk.threshold_enabled=false",
            "action.auto_create_index=false",
            "path.data=" + workDir.resolve("data"),
            "path.logs=" + workDir.resolve("logs"))) {
      command.add("-E");
      command.add(setting);
    }
    return command;
  }

  private void prepareWorkDir() throws IOException {
    Path workDir = settings.workDir();
    Path executable = settings.home().resolve("bin/elasticsearch");
    if (!Files.isRegularFile(executable)) {
      throw new IllegalStateException(
          "No Elasticsearch distribution at "
              + settings.home()
              + " (expected bin/elasticsearch): run `mvn -pl workers generate-test-resources`"
              + " or `scripts/elasticsearch.sh install`");
    }
    for (String dir : List.of("data", "logs", "tmp")) {
      Files.createDirectories(workDir.resolve(dir));
    }
    Path config = workDir.resolve("config");
    if (!Files.isDirectory(config)) {
      // copied aside and moved in one step, so a failed copy never leaves half a config
      Path partial = workDir.resolve("config.partial");
      deleteTree(partial);
      copyTree(settings.home().resolve("config"), partial);
      Files.move(partial, config, StandardCopyOption.ATOMIC_MOVE);
    }
    account.ensureExists();
    account.takeOwnership(workDir);
    account.grantTraversal(workDir);
    account.grantTraversal(executable);
    account.checkCanExecute(executable);
  }

  private void awaitHealthy(long startedAt) {
    long deadline = startedAt + settings.startTimeout().toNanos();
    while (true) {
      if (!process.isAlive()) {
        int exitCode = process.exitValue();
        stop();
        throw startFailure("Elasticsearch exited with code " + exitCode + " while starting");
      }
      if (clusterHealthStatus(
              baseUri(), "_cluster/health?wait_for_status=yellow&timeout=1s", Duration.ofSeconds(5))
          == 200) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        stop();
        throw startFailure(
            "Elasticsearch did not reach cluster health yellow within " + settings.startTimeout());
      }
      pause();
    }
  }

  /** Waits one poll interval, or less if the node process exits meanwhile. */
  private void pause() {
    try {
      process.onExit().get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException expected) {
      // the usual case: still starting
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new IllegalStateException("Interrupted while waiting for Elasticsearch", e);
    }
  }

  private IllegalStateException startFailure(String reason) {
    Path console = settings.workDir().resolve("console.log");
    return new IllegalStateException(
        reason + " (" + baseUri() + "). Last lines of " + console + ":\n" + tail(console));
  }

  /** HTTP status of {@code GET baseUri/path}, or -1 when nothing answers. */
  private static int clusterHealthStatus(URI baseUri, String path, Duration timeout) {
    HttpRequest request =
        HttpRequest.newBuilder(baseUri.resolve("/" + path)).timeout(timeout).GET().build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle handle : processes) {
      long remaining = deadline - System.nanoTime();
      try {
        handle.onExit().get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return false;
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private void removeShutdownHook() {
    if (shutdownHook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException jvmShuttingDown) {
      // the hook is running or about to; nothing to remove
    }
    shutdownHook = null;
  }

  private static boolean isJavaVariable(String name) {
    return name.equals("JAVA_HOME")
        || name.equals("JAVA_OPTS")
        || name.equals("JAVA_TOOL_OPTIONS")
        || name.equals("_JAVA_OPTIONS");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
