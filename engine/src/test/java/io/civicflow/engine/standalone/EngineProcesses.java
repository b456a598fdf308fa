package io.civicflow.engine.standalone;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starting the engine as operators do, for the integration tests that run after {@code package}.
 */
final class EngineProcesses {

  static final Path JAR = Path.of("target/civicflow-engine.jar");

  /** How much of an engine's output a failed start reports. */
  private static final int LINES_KEPT = 80;

  private EngineProcesses() {}

  /** {@code java -jar target/civicflow-engine.jar} with this JVM and a small heap. */
  static ProcessBuilder jarCommand() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(java.toString(), "-Xmx256m", "-jar", JAR.toString());
  }

  /**
   * Starts the engine with exactly the documented properties and returns once it has started; its
   * output is drained so it never blocks on a full pipe.
   */
  static Process start(
      ProcessBuilder command, Path dataDir, int restPort, int managementPort, int grpcPort)
      throws IOException {
    command
        .command()
        .addAll(
            List.of(
                "--server.port=" + restPort, "--management.server.port=" + managementPort,
                "--civicflow.engine.data-dir=" + dataDir,
                    "--civicflow.engine.grpc.port=" + grpcPort));
    Process process = command.redirectErrorStream(true).start();
    awaitStarted(process, line -> {});
    return process;
  }

  /**
   * Returns once the engine's output says it has started (at most two minutes); every line of its
   * output, before and after, goes to {@code eachLine} until the process ends (a kill included).
   */
  static void awaitStarted(Process process, Consumer<String> eachLine) {
    CompletableFuture.runAsync(
            () -> {
              try {
                BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                ArrayDeque<String> lastLines = new ArrayDeque<>();
                String line;
                while ((line = out.readLine()) != null) {
                  eachLine.accept(line);
                  if (lastLines.size() == LINES_KEPT) {
                    lastLines.removeFirst();
                  }
                  lastLines.addLast(line);
                  if (line.contains("Started EngineApplication")) {
                    Thread drain =
                        new Thread(
                            () -> {
                              try {
                                out.lines().forEach(eachLine);
                              } catch (UncheckedIOException killed) {
                                // the engine was killed: its output ends here
                              }
                            },
                            "engine-output");
                    drain.setDaemon(true);
                    drain.start();
                    return;
                  }
                }
                throw new IllegalStateException(
                    "the engine exited before it started (exit code "
                        + exitCode(process)
                        + "); its last lines:\n"
                        + String.join("\n", lastLines));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .orTimeout(120, TimeUnit.SECONDS)
        .join();
  }

  private static String exitCode(Process process) {
    try {
      return process.waitFor(10, TimeUnit.SECONDS)
          ? String.valueOf(process.exitValue())
          : "none yet";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** A REST client as the built-in administrator (authentication is on by default). */
  static CamundaClient restClient(int restPort) {
    return CamundaClient.newClientBuilder()
        .restAddress(URI.create("http://127.0.0.1:" + restPort))
        .preferRestOverGrpc(true)
        .credentialsProvider(
            CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                .username("demo")
                .password("demo")
                .build())
        .build();
  }
}
