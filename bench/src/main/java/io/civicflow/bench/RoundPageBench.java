package io.civicflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The round page's time ({@code --mode=roundpage}) on the demo: the completed Kunshan 2016 round in
 * the register (15 units × 2 contract years: reports, evaluations, payments, complaints, a
 * termination and its re-procurement) and the 2018 round running in the engine. Starts a real
 * Elasticsearch ({@code scripts/elasticsearch.sh}, on a free port, its node in the work directory)
 * and {@code workers/target/civicflow-app.jar} with the demo profile in a child JVM, waits until
 * the demo data is written, then measures, as {@code --user} (default civil1), after one warm-up
 * each:
 *
 * <ol>
 *   <li>{@code roundpage.<year>.request.ms}: {@code GET /api/rounds/<year>} — the one request
 *       behind the console's round page (the register and the engine's history of every unit);
 *   <li>{@code roundpage.<year>.first-render.chromium.ms}: the real console in Debian's Chromium,
 *       from {@code page.navigate} of {@code #/rounds/<year>} until its 15 unit rows are drawn.
 * </ol>
 *
 * <pre>
 * mvn -B -q -o -Pbench -pl workers,bench -am package -DskipTests
 * java -jar bench/target/civicflow-bench.jar --mode=roundpage [--years=2016,2018] [--samples=10]
 *   [--user=civil1] [--app-jar=workers/target/civicflow-app.jar] [--chromium=/usr/bin/chromium]
 *   [--url=http://127.0.0.1:8080 (an application already running: nothing is started)]
 *   [--screenshots=docs/screenshots (also saves the round pages and the user's task list)]
 * </pre>
 */
public final class RoundPageBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "demo";

  private final Map<String, String> options;
  private final List<Integer> years = new ArrayList<>();
  private final int samples;
  private final String user;
  private final Path workDir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private URI base;

  private RoundPageBench(Map<String, String> options) {
    this.options = options;
    for (String year : options.getOrDefault("years", "2016,2018").split(",")) {
      years.add(Integer.parseInt(year.trim()));
    }
    samples = Integer.parseInt(options.getOrDefault("samples", "10"));
    user = options.getOrDefault("user", "civil1");
    workDir = Path.of(options.getOrDefault("work-dir", "bench/target/roundpage-data"));
  }

  static void run(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (arg.startsWith("--") && arg.contains("=")) {
        options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
    }
    new RoundPageBench(options).run();
  }

  private void run() throws Exception {
    if (options.containsKey("url")) {
      base = URI.create(options.get("url").replaceAll("/*$", "/"));
      measure();
      return;
    }
    Path appJar = Path.of(options.getOrDefault("app-jar", "workers/target/civicflow-app.jar"));
    if (!Files.isRegularFile(appJar)) {
      throw new IllegalStateException(
          appJar + " is missing: build it first (mvn -B -q -Pbench -pl workers,bench -am package)");
    }
    TaskListBench.deleteRecursively(workDir);
    Files.createDirectories(workDir);
    int esPort = FreePorts.next();
    Map<String, String> esEnv =
        Map.of(
            "ES_PORT",
            String.valueOf(esPort),
            "ES_NODE",
            workDir.resolve("elasticsearch").toAbsolutePath().toString(),
            // a node on a loaded two-core machine has needed more than the script's two minutes
            "ES_START_TIMEOUT_SECONDS",
            "600");
    elasticsearch("start", esEnv);
    int port = FreePorts.next();
    Path log = workDir.resolve("app.log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            appJar.toAbsolutePath().toString(),
            "--spring.profiles.active=demo",
            "--server.port=" + port,
            "--management.server.port=" + FreePorts.next(),
            "--civicflow.engine.grpc.port=" + FreePorts.next(),
            "--civicflow.engine.data-dir=" + workDir.resolve("data").toAbsolutePath(),
            "--civicflow.registry.elasticsearch.url=http://127.0.0.1:" + esPort,
            "--camunda.client.request-timeout=PT2M");
    BenchMain.log("starting the demo application: %s (output in %s)", appJar, log);
    Process app =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    base = URI.create("http://127.0.0.1:" + port + "/");
    try {
      awaitDemo(app, log);
      measure();
    } finally {
      app.destroy();
      if (!app.waitFor(30, TimeUnit.SECONDS)) {
        app.destroyForcibly();
      }
      elasticsearch("stop", esEnv);
    }
  }

  private void measure() throws Exception {
    String load = Probes.load();
    Map<String, List<Double>> results = new LinkedHashMap<>();
    for (int year : years) {
      results.put("roundpage." + year + ".request.ms", requests(year));
    }
    for (int year : years) {
      results.put("roundpage." + year + ".first-render.chromium.ms", inChromium(year));
    }
    BenchMain.printf(
        "%nRound page as %s (%d cores, load %s at the start of the measurements)%n",
        user, Runtime.getRuntime().availableProcessors(), load);
    results.forEach(RoundPageBench::print);
  }

  /** Until the demo has written the 2016 round and started the 2018 one (both listed). */
  private void awaitDemo(Process app, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!app.isAlive()) {
        throw new IllegalStateException("the application exited with " + app.exitValue());
      }
      try {
        String written = Files.readString(log);
        // DemoHistory logs when the whole 2016 round is in the register
        if (written.contains("Started CivicFlowApplication")
            && written.contains("Demo history: wrote the completed Kunshan 2016 round")) {
          HttpResponse<String> rounds = get("api/rounds");
          if (rounds.statusCode() == 200 && demoWritten(JSON.readTree(rounds.body()))) {
            BenchMain.log("the demo data is there: %s", rounds.body());
            return;
          }
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      app.onExit().completeOnTimeout(null, 1, TimeUnit.SECONDS).join();
    }
    throw new IllegalStateException("the demo data was not written within 10 minutes");
  }

  private boolean demoWritten(JsonNode rounds) {
    for (int year : years) {
      boolean listed = false;
      for (JsonNode round : rounds) {
        listed |= round.path("roundYear").asInt() == year && round.path("units").asInt() >= 15;
      }
      if (!listed) {
        return false;
      }
    }
    return true;
  }

  private List<Double> requests(int year) throws Exception {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i <= samples; i++) {
      long start = System.nanoTime();
      HttpResponse<String> page = get("api/rounds/" + year);
      double ms = (System.nanoTime() - start) / 1e6;
      if (page.statusCode() != 200) {
        throw new IllegalStateException("GET /api/rounds/" + year + ": " + page.statusCode());
      }
      if (i == 0) {
        JsonNode body = JSON.readTree(page.body());
        int events = 0;
        for (JsonNode unit : body.path("units")) {
          events += unit.path("events").size();
        }
        BenchMain.log(
            "round %d: %d units, %d timeline events, %d KB; first request %.0f ms",
            year, body.path("units").size(), events, page.body().length() / 1024, ms);
      } else {
        times.add(ms);
      }
    }
    return times;
  }

  private List<Double> inChromium(int year) {
    Path chromium = Path.of(options.getOrDefault("chromium", "/usr/bin/chromium"));
    try (Playwright playwright = ConsoleBrowser.playwright()) {
      Page page = ConsoleBrowser.loggedIn(playwright, chromium, base.toString(), user, PASSWORD);
      page.getByTestId("current-user").waitFor();
      List<Double> times = new ArrayList<>();
      for (int i = 0; i <= samples; i++) {
        page.navigate(base + "#/tasks");
        page.getByTestId("task-list").waitFor();
        long start = System.nanoTime();
        page.navigate(base + "#/rounds/" + year);
        page.waitForFunction(
            "() => document.querySelectorAll('[data-testid=round-units] tbody tr').length >= 15");
        double ms = (System.nanoTime() - start) / 1e6;
        BenchMain.log(
            "Chromium: round page %d drawn in %.0f ms%s", year, ms, i == 0 ? " (warm-up)" : "");
        if (i > 0) {
          times.add(ms);
        }
      }
      String shots = options.get("screenshots");
      if (shots != null) {
        // the README's pictures of the demo: the official's task list and this round's page
        page.screenshot(
            new Page.ScreenshotOptions()
                .setPath(Path.of(shots, "console-round-" + year + ".png"))
                .setFullPage(true));
        page.navigate(base + "#/tasks");
        page.locator("[data-testid=task-list][data-state=ready]").waitFor();
        page.screenshot(
            new Page.ScreenshotOptions().setPath(Path.of(shots, "console-task-list.png")));
      }
      page.context().browser().close();
      return times;
    }
  }

  private static void print(String name, List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    BenchMain.printf(
        "RESULT %s median=%.0f p95=%.0f min=%.0f max=%.0f samples=%s%n",
        name,
        sorted.get(sorted.size() / 2),
        sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1)),
        sorted.get(0),
        sorted.get(sorted.size() - 1),
        values);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(120))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code scripts/elasticsearch.sh start|stop} with the node's port and directory. */
  private static void elasticsearch(String action, Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("scripts/elasticsearch.sh", action).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process script = builder.start();
    String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (script.waitFor() != 0) {
      throw new IllegalStateException("scripts/elasticsearch.sh " + action + " failed: " + output);
    }
    BenchMain.log("elasticsearch.sh %s: %s", action, output.strip());
  }
}
