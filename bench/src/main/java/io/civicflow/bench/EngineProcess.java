package io.civicflow.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our engine as it ships: the distribution's launcher ({@code
 * engine/target/civicflow-engine/bin/civicflow-engine --civicflow.engine.data-dir=DIR}, which runs
 * the JVM with its class-data sharing archive), in a child process, so its heap and CPU are its
 * own. The benchmark's JVM options for the child go to the launcher as {@code JAVA_OPTS}, the
 * benchmark's JVM as {@code JAVA_HOME}. With {@code --engine-jar=PATH} the plain jar is started
 * instead ({@code java -jar}), for comparison. The child's output is copied to a log file next to
 * the data.
 */
final class EngineProcess implements AutoCloseable {

  /** The built-in administrator: the engine as it ships requires HTTP Basic authentication. */
  static final String USER = "demo";

  static final String PASSWORD = "demo";

  private static final Pattern TOTAL_ITEMS = Pattern.compile("\"totalItems\"\\s*:\\s*(\\d+)");
  private static final String STARTED = "Started EngineApplication";

  private final Process process;
  private final int port;
  private final int grpcPort;
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private volatile boolean stopping;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private EngineProcess(Process process, int port, int grpcPort) {
    this.process = process;
    this.port = port;
    this.grpcPort = grpcPort;
  }

  static EngineProcess start(BenchConfig config, Path dataDir, Path log) throws IOException {
    int port = FreePorts.next();
    int managementPort = FreePorts.next();
    int grpcPort = FreePorts.next();
    List<String> command = new ArrayList<>();
    String javaHome = System.getProperty("java.home");
    if (config.engineJar() != null) {
      command.add(Path.of(javaHome, "bin", "java").toString());
      for (String arg : config.childJvmArgs().trim().split("\\s+")) {
        if (!arg.isBlank()) {
          command.add(arg);
        }
      }
      command.add("-jar");
      command.add(config.engineJar().toAbsolutePath().toString());
    } else {
      command.add(
          config
              .engineDist()
              .resolve("bin")
              .resolve("civicflow-engine")
              .toAbsolutePath()
              .toString());
    }
    command.add("--server.port=" + port);
    command.add("--management.server.port=" + managementPort);
    command.add("--civicflow.engine.data-dir=" + dataDir.toAbsolutePath());
    // the gRPC gateway starts as it ships, on a free port (26500 may be taken by a running
    // CivicFlow)
    command.add("--civicflow.engine.grpc.port=" + grpcPort);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", javaHome);
    // every start's GC log next to its output log, to tell GC pauses from other stalls
    String gcLog = "-Xlog:gc:file=" + log.toAbsolutePath() + ".gc:time,uptime";
    builder.environment().put("JAVA_OPTS", (gcLog + " " + config.childJvmArgs()).trim());
    EngineProcess engine = new EngineProcess(builder.start(), port, grpcPort);
    engine.copyOutput(log);
    return engine;
  }

  /**
   * Copies the child's output to the log and notes Spring Boot's "Started EngineApplication" line,
   * after which the REST port is open (the web server starts before that line is logged).
   */
  private void copyOutput(Path log) throws IOException {
    BufferedWriter out =
        Files.newBufferedWriter(
            log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Thread copier =
        new Thread(
            () -> {
              try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  out) {
                String line;
                while ((line = in.readLine()) != null) {
                  out.write(line);
                  out.newLine();
                  if (!started.isDone() && line.contains(STARTED)) {
                    started.complete(null);
                    out.flush();
                  }
                }
              } catch (IOException e) {
                if (!stopping) {
                  BenchMain.log("copying the engine's output stopped: %s", e);
                } // else: Process.destroy closed the output
              } finally {
                started.completeExceptionally(
                    new IllegalStateException("the engine's output ended before it started"));
              }
            },
            "engine-output-" + process.pid());
    copier.setDaemon(true);
    copier.start();
  }

  URI restAddress() {
    return URI.create("http://127.0.0.1:" + port);
  }

  URI grpcAddress() {
    return URI.create("http://127.0.0.1:" + grpcPort);
  }

  long pid() {
    return process.pid();
  }

  /**
   * Waits for Spring Boot's "Started" line on the child's output, then sends {@code POST
   * /v2/process-instances/search} until it answers 200 (the first one does: the port is open by
   * then; a refused or failed attempt is repeated after at most 5 ms, at once if the engine exits);
   * returns the answer's totalItems.
   */
  long awaitSearchAnswers(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          process.isAlive()
              ? e.getCause().getMessage()
              : "the engine exited with " + process.exitValue() + " before it started",
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the engine did not start within " + timeout);
    }
    HttpRequest request =
        HttpRequest.newBuilder(restAddress().resolve("/v2/process-instances/search"))
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(5))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"filter\":{\"state\":\"ACTIVE\"},\"page\":{\"limit\":1}}"))
            .build();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          Matcher total = TOTAL_ITEMS.matcher(response.body());
          return total.find() ? Long.parseLong(total.group(1)) : -1;
        }
        BenchMain.log(
            "the first search after the start answered %d; trying again", response.statusCode());
      } catch (IOException notYet) {
        BenchMain.log("the first search after the start failed (%s); trying again", notYet);
      }
      try {
        process.onExit().get(5, TimeUnit.MILLISECONDS);
        throw new IllegalStateException(
            "the engine exited with " + process.exitValue() + " before answering");
      } catch (TimeoutException stillRunning) {
        // try again
      } catch (ExecutionException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    throw new IllegalStateException("the engine did not answer a search within " + timeout);
  }

  /** SIGTERM (a graceful Spring Boot shutdown) and wait for the exit. */
  @Override
  public void close() throws InterruptedException {
    stopping = true;
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
