package io.civicflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The round page's time: {@code GET /api/rounds/<year>} — the one request the console's round page
 * makes, which reads the register (contracts, payments, evaluations, complaints, report arrears)
 * and the engine's history for every unit — against a running application, by default the demo
 * ({@code scripts/run.sh --spring.profiles.active=demo}: the completed Kunshan 2016 round, 15 units
 * × 2 contract years). Prints the median, 95th percentile and worst of the measured requests.
 *
 * <pre>
 * java -Dloader.main=io.civicflow.bench.RoundPageBench -cp bench/target/civicflow-bench.jar \
 *   org.springframework.boot.loader.launch.PropertiesLauncher [--url=http://127.0.0.1:8080]
 *   [--user=civil1] [--password=demo] [--year=2016] [--warmup=5] [--runs=30]
 * </pre>
 */
public final class RoundPageBench {

  private RoundPageBench() {}

  public static void main(String[] args) throws Exception {
    String url = option(args, "url", "http://127.0.0.1:8080");
    String user = option(args, "user", "civil1");
    String password = option(args, "password", "demo");
    int year = Integer.parseInt(option(args, "year", "2016"));
    int warmup = Integer.parseInt(option(args, "warmup", "5"));
    int runs = Integer.parseInt(option(args, "runs", "30"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/api/rounds/" + year))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(60))
            .build();
    String body = "";
    for (int i = 0; i < warmup; i++) {
      body = send(http, request);
    }
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      body = send(http, request);
      micros.add((System.nanoTime() - start) / 1000);
    }
    Collections.sort(micros);
    int units = count(body, "\"unitCode\"");
    int events = count(body, "\"label\"");
    System.out.printf(
        Locale.ROOT,
        "round page %d (%s): %d units, %d timeline events, %d KB; %d runs after %d warm-up:"
            + " median %.1f ms, p95 %.1f ms, max %.1f ms%n",
        year,
        user,
        units,
        events,
        body.length() / 1024,
        runs,
        warmup,
        micros.get(micros.size() / 2) / 1000.0,
        micros.get(Math.min(micros.size() - 1, (int) Math.ceil(micros.size() * 0.95) - 1)) / 1000.0,
        micros.get(micros.size() - 1) / 1000.0);
  }

  private static String send(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static String option(String[] args, String name, String fallback) {
    for (String arg : args) {
      if (arg.startsWith("--" + name + "=")) {
        return arg.substring(name.length() + 3);
      }
    }
    return fallback;
  }
}
