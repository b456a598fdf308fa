package io.civicflow.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our engine as it ships: {@code java -jar engine/target/civicflow-engine.jar --civicflow.engine.data-dir=DIR}
 * in a child JVM, so its heap and CPU are its own. Output goes to a log file next to the data.
 */
final class EngineProcess implements AutoCloseable {

  private static final Pattern TOTAL_ITEMS = Pattern.compile("\"totalItems\"\\s*:\\s*(\\d+)");

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private EngineProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static EngineProcess start(BenchConfig config, Path dataDir, Path log) throws IOException {
    int port = freePort();
    int managementPort = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : config.childJvmArgs().trim().split("\\s+")) {
      if (!arg.isBlank()) {
        command.add(arg);
      }
    }
    command.add("-jar");
    command.add(config.engineJar().toAbsolutePath().toString());
    command.add("--server.port=" + port);
    command.add("--management.server.port=" + managementPort);
    command.add("--civicflow.engine.data-dir=" + dataDir.toAbsolutePath());
    Files.createDirectories(log.getParent());
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    return new EngineProcess(process, port);
  }

  URI restAddress() {
    return URI.create("http://127.0.0.1:" + port);
  }

  long pid() {
    return process.pid();
  }

  /**
   * Polls {@code POST /v2/process-instances/search} until it answers 200; returns the answer's
   * totalItems.
   */
  long awaitSearchAnswers(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request = HttpRequest.newBuilder(restAddress().resolve("/v2/process-instances/search"))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofString("{\"filter\":{\"state\":\"ACTIVE\"},\"page\":{\"limit\":1}}"))
        .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the engine exited with " + process.exitValue() + " before answering");
      }
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          Matcher total = TOTAL_ITEMS.matcher(response.body());
          return total.find() ? Long.parseLong(total.group(1)) : -1;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("the engine did not answer a search within " + timeout);
  }

  /** SIGTERM (a graceful Spring Boot shutdown) and wait for the exit. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
