package io.civicflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The console's task list with thousands of open tasks visible to one user ({@code
 * --mode=tasklist}, bench/README.md, "Task list"): starts the application jar ({@code
 * workers/target/civicflow-app.jar}, embedded engine, in-memory registry) in a child JVM on free
 * ports, creates {@code --tasks} instances of a review task for the civil affairs bureau with their
 * business context as variables, and then measures, for {@code --user} (civil1):
 *
 * <ol>
 *   <li><b>in Chromium</b> (Playwright, Debian's browser as the browser test uses it): from {@code
 *       page.reload()} of {@code #/tasks} until the list is drawn ({@code [data-testid=task-list]
 *       [data-state=ready]}: the first page of rows and the views' counts), and Chromium's own
 *       counters over that reload (CDP {@code Performance.getMetrics}: script, layout, style, all
 *       main-thread tasks; the JS heap after it), which a loaded machine inflates far less than the
 *       wall time;
 *   <li><b>the requests alone</b>: the same requests the page makes (engine time, saved views,
 *       teams; the page's three entitlement searches beside the built-in views' counts; the context
 *       variables of the page's instances), at most 6 at a time as the browser, from this JVM, to
 *       tell the server's share from the page's; and, for comparison, the requests of the console
 *       before it asked for one page (every task in pages of 10,000, every instance's context).
 * </ol>
 *
 * {@code --console=DIR} serves another build of the console (e.g. the one before a change, built
 * with {@code node build.mjs --outdir=DIR}) from the same application.
 *
 * <p>Prints one {@code RESULT} line per figure (median, min and max of {@code --samples} runs,
 * after one warm-up each).
 */
final class TaskListBench {

  private static final String PASSWORD = "demo";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[][] UNITS = {
    {"KFQ", "昆山开发区"},
    {"GXQ", "昆山高新区"},
    {"HQ", "花桥经济开发区"},
    {"ZP", "张浦镇"},
    {"ZS", "周市镇"},
    {"LJ", "陆家镇"},
    {"BC", "巴城镇"},
    {"QD", "千灯镇"},
    {"DSH", "淀山湖镇"},
    {"ZZ", "周庄镇"},
    {"JX", "锦溪镇"},
    {"BL", "柏庐城市管理片区"},
    {"TL", "亭林城市管理片区"},
    {"QY", "青阳城市管理片区"},
    {"ZC", "震川城市管理片区"}
  };
  private static final String[] PROVIDERS = {"昆山市阳光社会工作服务社", "昆山市恒爱社会工作服务中心"};

  // the console's constants (workers/src/main/console/src/tasklist.js)
  private static final int TASK_PAGE = 10_000;
  private static final int VARIABLE_CHUNK = 1000;
  private static final List<String> CONTEXT_VARIABLES =
      List.of(
          "unitCode",
          "unitName",
          "station",
          "projectNo",
          "contractNo",
          "year2ContractNo",
          "providerName",
          "providerOrgId",
          "winner",
          "roundName",
          "roundYear",
          "residentName",
          "caseNo",
          "orderNo");

  private final int tasks;
  private final int samples;
  private final String user;
  private final Path appJar;
  private final Path chromium;
  private final Path workDir;
  private final Path console;
  private final HttpClient http = HttpClient.newHttpClient();
  private URI base;

  private TaskListBench(Map<String, String> options) {
    tasks = Integer.parseInt(options.getOrDefault("tasks", "5000"));
    samples = Integer.parseInt(options.getOrDefault("samples", "5"));
    user = options.getOrDefault("user", "civil1");
    appJar = Path.of(options.getOrDefault("app-jar", "workers/target/civicflow-app.jar"));
    chromium = Path.of(options.getOrDefault("chromium", "/usr/bin/chromium"));
    workDir = Path.of(options.getOrDefault("work-dir", "bench/target/tasklist-data"));
    console = options.containsKey("console") ? Path.of(options.get("console")) : null;
  }

  static void run(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (arg.startsWith("--") && arg.contains("=")) {
        options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
    }
    new TaskListBench(options).run();
  }

  private void run() throws Exception {
    if (!Files.isRegularFile(appJar)) {
      throw new IllegalStateException(
          appJar + " is missing: build it first (mvn -B -q -pl workers -am package -DskipTests)");
    }
    deleteRecursively(workDir);
    Files.createDirectories(workDir);
    int port = FreePorts.next();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                appJar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--management.server.port=" + FreePorts.next(),
                "--civicflow.engine.grpc.port=" + FreePorts.next(),
                "--civicflow.engine.data-dir=" + workDir.resolve("data").toAbsolutePath(),
                "--civicflow.registry.elasticsearch.enabled=false",
                // the application deploys its models through its own client at start-up: on a
                // loaded
                // machine the client's 10 s default fails the start
                "--camunda.client.request-timeout=PT2M"));
    if (console != null) {
      // another build of the console (e.g. an older one, to compare) served by the same application
      command.add("--spring.web.resources.static-locations=file:" + console.toAbsolutePath() + "/");
    }
    Path log = workDir.resolve("app.log");
    BenchMain.log("starting the application: %s (output in %s)", appJar, log);
    Process app =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    base = URI.create("http://127.0.0.1:" + port + "/");
    try {
      awaitApplication(app);
      createTasks();
      String load = Probes.load();
      Map<String, List<Double>> page = measureInChromium();
      List<Double> requests = measureRequests(false);
      List<Double> everyTask = measureRequests(true);
      BenchMain.log("done; machine load %s", load);
      BenchMain.printf(
          "%nTask list, %d open tasks visible to %s (%d cores, load %s at the start of the"
              + " measurements)%n",
          tasks, user, Runtime.getRuntime().availableProcessors(), load);
      page.forEach(TaskListBench::print);
      print("tasklist.requests.ms", requests);
      print("tasklist.requests.every-task.ms", everyTask);
    } finally {
      app.destroy();
      if (!app.waitFor(30, TimeUnit.SECONDS)) {
        app.destroyForcibly();
      }
    }
  }

  private static void print(String name, List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    double median = sorted.get(sorted.size() / 2);
    BenchMain.printf(
        "RESULT %s median=%.0f min=%.0f max=%.0f samples=%s%n",
        name, median, sorted.get(0), sorted.get(sorted.size() - 1), values);
  }

  private void awaitApplication(Process app) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      if (!app.isAlive()) {
        throw new IllegalStateException("the application exited with " + app.exitValue());
      }
      try {
        // the web server answers before the application has deployed its models: wait for both
        if (Files.readString(workDir.resolve("app.log")).contains("Started CivicFlowApplication")
            && get("api/time").statusCode() == 200) {
          BenchMain.log("the application answers on %s", base);
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      app.onExit().completeOnTimeout(null, 200, TimeUnit.MILLISECONDS).join();
    }
    throw new IllegalStateException("the application did not answer within 3 minutes");
  }

  /** {@code --tasks} instances, due from three days ago to six days ahead (a third are late). */
  private void createTasks() throws Exception {
    try (CamundaClient admin =
            CamundaClient.newClientBuilder()
                .restAddress(base)
                .preferRestOverGrpc(true)
                // the machine may be loaded: the client's 10 s default would fail the set-up
                .defaultRequestTimeout(Duration.ofMinutes(2))
                .credentialsProvider(
                    CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                        .username("demo")
                        .password(PASSWORD)
                        .build())
                .build();
        InputStream model = TaskListBench.class.getResourceAsStream("/bench-tasklist.bpmn")) {
      byte[] bpmn = model.readAllBytes();
      for (int attempt = 1; ; attempt++) {
        try {
          admin
              .newDeployResourceCommand()
              .addResourceBytes(bpmn, "bench-tasklist.bpmn")
              .send()
              .join();
          break;
        } catch (RuntimeException busy) {
          if (attempt == 5) {
            throw busy;
          }
          BenchMain.log("deploying failed (%s); again", busy.getMessage());
        }
      }
      Instant now =
          Instant.ofEpochMilli(JSON.readTree(get("api/time").body()).path("epochMilli").asLong());
      BenchMain.log("creating %d instances", tasks);
      Semaphore inFlight = new Semaphore(16);
      List<CompletableFuture<?>> sent = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        String[] unit = UNITS[i % UNITS.length];
        String number = String.format("%s-%04d", unit[0], i);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("unitCode", unit[0]);
        variables.put("unitName", unit[1]);
        variables.put("roundYear", 2016);
        variables.put("projectNo", "KSCG-2016-" + number);
        variables.put("contractNo", "KS-2016-" + number);
        variables.put("providerName", PROVIDERS[i % PROVIDERS.length]);
        variables.put(
            "due",
            now.plus(Duration.ofHours(-72 + (i % 10) * 24L)).atOffset(ZoneOffset.UTC).toString());
        inFlight.acquire();
        sent.add(
            admin
                .newCreateInstanceCommand()
                .bpmnProcessId("bench-tasklist")
                .latestVersion()
                .variables(variables)
                .send()
                .toCompletableFuture()
                .whenComplete((r, e) -> inFlight.release()));
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }
    // every create was answered, and the engine's searches see every answered command
    ObjectNode body = JSON.createObjectNode();
    body.putObject("filter").put("state", "CREATED");
    body.putObject("page").put("limit", 1);
    long open =
        JSON.readTree(post("v2/user-tasks/search", body).body()).at("/page/totalItems").asLong();
    if (open < tasks) {
      throw new IllegalStateException(
          open + " open tasks visible to " + user + ", expected " + tasks);
    }
    BenchMain.log("%d open tasks visible to %s", open, user);
  }

  /** Chromium's own metrics (CDP Performance.getMetrics), seconds summed over the page's life. */
  private static final List<String> CHROMIUM_METRICS =
      List.of("ScriptDuration", "LayoutDuration", "RecalcStyleDuration", "TaskDuration");

  /**
   * The first render's wall time and, from Chromium's own counters (CDP {@code
   * Performance.getMetrics}, their increase over the reload), where the browser spent it: running
   * script, layout, style, and all its main-thread tasks — figures that a loaded machine inflates
   * far less than the wall time, since they count the renderer's own work.
   */
  private Map<String, List<Double>> measureInChromium() {
    try (Playwright playwright = ConsoleBrowser.playwright()) {
      Page page = ConsoleBrowser.loggedIn(playwright, chromium, base.toString(), user, PASSWORD);
      awaitList(page);
      String shown = page.getByTestId("shown-count").textContent();
      if (!shown.contains(String.valueOf(tasks))) {
        throw new IllegalStateException("the list shows '" + shown + "', not " + tasks + " tasks");
      }
      CDPSession cdp = page.context().newCDPSession(page);
      cdp.send("Performance.enable");
      Map<String, List<Double>> figures = new LinkedHashMap<>();
      figures.put("tasklist.first-render.chromium.ms", new ArrayList<>());
      for (String metric : CHROMIUM_METRICS) {
        figures.put("tasklist.chromium." + metric + ".ms", new ArrayList<>());
      }
      figures.put("tasklist.chromium.JSHeapUsedSize.kb", new ArrayList<>());
      for (int i = 0; i <= samples; i++) {
        Map<String, Double> before = metrics(cdp);
        long start = System.nanoTime();
        page.reload();
        awaitList(page);
        double ms = (System.nanoTime() - start) / 1e6;
        Map<String, Double> after = metrics(cdp);
        BenchMain.log(
            "Chromium: task list drawn in %.0f ms%s; %s", ms, i == 0 ? " (warm-up)" : "", after);
        if (i > 0) {
          figures.get("tasklist.first-render.chromium.ms").add(ms);
          for (String metric : CHROMIUM_METRICS) {
            double delta = after.get(metric) - before.get(metric);
            // counters that restart with the new document count from zero
            figures
                .get("tasklist.chromium." + metric + ".ms")
                .add(1000 * (delta < 0 ? after.get(metric) : delta));
          }
          figures
              .get("tasklist.chromium.JSHeapUsedSize.kb")
              .add(after.get("JSHeapUsedSize") / 1024);
        }
      }
      page.context().browser().close();
      return figures;
    }
  }

  private static Map<String, Double> metrics(CDPSession cdp) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (var metric : cdp.send("Performance.getMetrics").getAsJsonArray("metrics")) {
      var object = metric.getAsJsonObject();
      values.put(object.get("name").getAsString(), object.get("value").getAsDouble());
    }
    return values;
  }

  private static void awaitList(Page page) {
    page.waitForSelector(
        "[data-testid=task-list][data-state=ready]",
        new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED));
  }

  /** The page's requests from this JVM: as many in parallel as the browser sends (6 per host). */
  private List<Double> measureRequests(boolean everyTask) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Double> times = new ArrayList<>();
      for (int i = 0; i <= samples; i++) {
        long start = System.nanoTime();
        int rows = everyTask ? everyTaskRequests(pool) : pageRequests(pool);
        double ms = (System.nanoTime() - start) / 1e6;
        BenchMain.log(
            "requests%s: %d tasks and their context in %.0f ms%s",
            everyTask ? " (every task, as the console before)" : "",
            rows,
            ms,
            i == 0 ? " (warm-up)" : "");
        if (i > 0) {
          times.add(ms);
        }
      }
      return times;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The console's requests for the first page of "all open tasks" (workers/src/main/console/src/
   * tasklist.js): engine time, saved views, teams and the page (one search per entitlement, made
   * disjoint, 50 by due date) at once; the built-in views' counts (the same searches with limit 0)
   * once the engine's time is known; the context variables of the page's instances once the page
   * is.
   */
  private int pageRequests(ExecutorService pool) throws Exception {
    Future<HttpResponse<String>> time = pool.submit(() -> get("api/time"));
    Future<HttpResponse<String>> views =
        pool.submit(() -> get("api/users/" + user + "/task-views"));
    Future<HttpResponse<String>> teams = pool.submit(() -> get("api/teams"));
    // the page does not wait for the engine's clock (no due-date filter); the counts do
    List<Future<JsonNode>> page = new ArrayList<>();
    for (ObjectNode filter : entitled("CREATED")) {
      ObjectNode body = JSON.createObjectNode();
      body.set("filter", filter);
      ArrayNode sort = body.putArray("sort");
      sort.addObject().put("field", "dueDate").put("order", "ASC");
      sort.addObject().put("field", "priority").put("order", "DESC");
      body.putObject("page").put("from", 0).put("limit", 50);
      page.add(pool.submit(() -> JSON.readTree(post("v2/user-tasks/search", body).body())));
    }
    long now = JSON.readTree(time.get().body()).path("epochMilli").asLong();
    String nowText = Instant.ofEpochMilli(now).toString();
    String soonText = Instant.ofEpochMilli(now).plus(Duration.ofDays(3)).toString();
    List<Future<HttpResponse<String>>> counts = new ArrayList<>();
    List<ObjectNode> countFilters = new ArrayList<>();
    countFilters.add(JSON.createObjectNode().put("assignee", user)); // mine
    for (ObjectNode filter : entitled(null)) { // unassigned: the candidate searches
      if (filter.has("candidateUser") || filter.has("candidateGroup")) {
        ((ObjectNode) filter.get("assignee")).put("$exists", false);
        countFilters.add(filter);
      }
    }
    for (ObjectNode filter : entitled(null)) { // due soon
      filter.putObject("dueDate").put("$gte", nowText).put("$lt", soonText);
      countFilters.add(filter);
    }
    for (ObjectNode filter : entitled(null)) { // overdue
      filter.putObject("dueDate").put("$lt", nowText);
      countFilters.add(filter);
    }
    for (ObjectNode filter : countFilters) {
      filter.put("state", "CREATED");
      ObjectNode body = JSON.createObjectNode();
      body.set("filter", filter);
      body.putObject("page").put("from", 0).put("limit", 0);
      counts.add(pool.submit(() -> post("v2/user-tasks/search", body)));
    }
    List<JsonNode> rows = new ArrayList<>();
    for (Future<JsonNode> answer : page) {
      answer.get().path("items").forEach(rows::add);
    }
    rows.sort(
        java.util.Comparator.comparing((JsonNode t) -> t.path("dueDate").asText("\uffff"))
            .thenComparing(t -> t.path("userTaskKey").asLong()));
    ObjectNode body = JSON.createObjectNode();
    ObjectNode filter = body.putObject("filter");
    ArrayNode keys = filter.putObject("processInstanceKey").putArray("$in");
    rows.stream()
        .limit(50)
        .map(t -> t.path("processInstanceKey").asText())
        .distinct()
        .forEach(keys::add);
    ArrayNode names = filter.putObject("name").putArray("$in");
    CONTEXT_VARIABLES.forEach(names::add);
    body.putObject("page").put("from", 0).put("limit", 10_000);
    Future<HttpResponse<String>> variables = pool.submit(() -> post("v2/variables/search", body));
    for (Future<HttpResponse<String>> answer : counts) {
      JSON.readTree(answer.get().body());
    }
    JSON.readTree(variables.get().body());
    views.get();
    teams.get();
    return Math.min(50, rows.size());
  }

  /** The user's three ways of being entitled to a task, disjoint as the console asks them. */
  private List<ObjectNode> entitled(String state) {
    ObjectNode assignee = JSON.createObjectNode().put("assignee", user);
    ObjectNode candidate = JSON.createObjectNode().put("candidateUser", user);
    candidate.putObject("assignee").put("$neq", user);
    ObjectNode group = JSON.createObjectNode();
    group.putObject("candidateGroup").putArray("$in").add("civil-affairs");
    group.putObject("assignee").put("$neq", user);
    List<ObjectNode> filters = List.of(assignee, candidate, group);
    if (state != null) {
      filters.forEach(f -> f.put("state", state));
    }
    return filters;
  }

  /** The requests of the console before it asked for one page: every task, all their context. */
  private int everyTaskRequests(ExecutorService pool) throws Exception {
    Future<HttpResponse<String>> time = pool.submit(() -> get("api/time"));
    // the user's saved views and the teams they lead, both kept by the application
    Future<HttpResponse<String>> views =
        pool.submit(() -> get("api/users/" + user + "/task-views"));
    Future<HttpResponse<String>> teams = pool.submit(() -> get("api/teams"));
    List<Future<List<JsonNode>>> searches = new ArrayList<>();
    for (String entitlement : List.of("assignee", "candidateUser", "candidateGroup")) {
      searches.add(pool.submit(() -> openTasks(entitlement)));
    }
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    for (Future<List<JsonNode>> search : searches) {
      for (JsonNode task : search.get()) {
        byKey.put(task.path("userTaskKey").asText(), task);
      }
    }
    time.get();
    views.get();
    teams.get();
    List<String> instances =
        byKey.values().stream().map(t -> t.path("processInstanceKey").asText()).distinct().toList();
    List<Future<HttpResponse<String>>> variables = new ArrayList<>();
    for (int i = 0; i < instances.size(); i += VARIABLE_CHUNK) {
      List<String> chunk = instances.subList(i, Math.min(instances.size(), i + VARIABLE_CHUNK));
      ObjectNode body = JSON.createObjectNode();
      ObjectNode filter = body.putObject("filter");
      ArrayNode keys = filter.putObject("processInstanceKey").putArray("$in");
      chunk.forEach(keys::add);
      ArrayNode names = filter.putObject("name").putArray("$in");
      CONTEXT_VARIABLES.forEach(names::add);
      body.putObject("page").put("from", 0).put("limit", 10_000);
      variables.add(pool.submit(() -> post("v2/variables/search", body)));
    }
    for (Future<HttpResponse<String>> answer : variables) {
      JSON.readTree(answer.get().body());
    }
    return byKey.size();
  }

  private List<JsonNode> openTasks(String entitlement) throws Exception {
    List<JsonNode> items = new ArrayList<>();
    for (int from = 0; ; from += TASK_PAGE) {
      ObjectNode body = JSON.createObjectNode();
      ObjectNode filter = body.putObject("filter").put("state", "CREATED");
      if (entitlement.equals("candidateGroup")) {
        filter.putObject("candidateGroup").putArray("$in").add("civil-affairs");
      } else {
        filter.put(entitlement, user);
      }
      body.putArray("sort").addObject().put("field", "creationDate").put("order", "ASC");
      body.putObject("page").put("from", from).put("limit", TASK_PAGE);
      JsonNode result = JSON.readTree(post("v2/user-tasks/search", body).body());
      result.path("items").forEach(items::add);
      if (result.path("items").size() < TASK_PAGE
          || items.size() >= result.at("/page/totalItems").asLong()) {
        return items;
      }
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, JsonNode body)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json")
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
