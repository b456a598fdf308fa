package io.civicflow.workers.testing;

import io.civicflow.workers.registry.elasticsearch.ElasticsearchTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the embedded engine and Camunda Process Test at the same free ports, once per test JVM (so
 * every process test shares one application context and one engine), and the application's registry
 * at the test JVM's one real Elasticsearch ({@link ElasticsearchTestServer#shared()}). Clock
 * control and purge are on, as CPT needs them, and authentication is off, as CPT's clients cannot
 * log in.
 *
 * <p>The same tests run against a real Camunda 8 with the system property (or environment variable)
 * {@value #RUNTIME_PROPERTY}{@code =camunda} ({@code CIVICFLOW_TEST_RUNTIME=camunda}): the embedded
 * engine stays off and Camunda Process Test's own properties are left alone, so CPT runs its
 * default {@code managed} runtime (Camunda's container, through Testcontainers: needs Docker) or,
 * with {@code camunda.process-test.runtime-mode=remote} and its {@code
 * camunda.process-test.remote.*} addresses, a running cluster such as the one from {@code
 * docker-compose.yml}. README, "Moving to Camunda 8".
 */
public final class EmbeddedEngineTestInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /** Which runtime the process tests use: {@code embedded} (the default) or {@code camunda}. */
  public static final String RUNTIME_PROPERTY = "civicflow.test.runtime";

  private static final String RUNTIME_VARIABLE = "CIVICFLOW_TEST_RUNTIME";

  private static final Map<String, Object> PROPERTIES = properties(runtime());

  private static String runtime() {
    String value = System.getProperty(RUNTIME_PROPERTY, System.getenv(RUNTIME_VARIABLE));
    String runtime =
        value == null || value.isBlank() ? "embedded" : value.trim().toLowerCase(Locale.ROOT);
    if (!runtime.equals("embedded") && !runtime.equals("camunda")) {
      throw new IllegalArgumentException(
          RUNTIME_PROPERTY
              + " (or "
              + RUNTIME_VARIABLE
              + ") must be embedded or camunda, not: "
              + value);
    }
    return runtime;
  }

  private static Map<String, Object> properties(String runtime) {
    int restPort = FreePorts.next();
    int managementPort = FreePorts.next();
    int grpcPort = FreePorts.next();
    Map<String, Object> properties = new HashMap<>();
    // the application's own ports: free ones, also next to a Camunda that occupies 8080 and 9600
    properties.put("server.port", restPort);
    properties.put("management.server.port", managementPort);
    // the engine holds a long poll at most civicflow.engine.long-poll-timeout (1 s, below), so
    // closing
    // a client between tests still waits about a second; the client's own request timeout is longer
    // so that a poll the engine answers late (a busy first second: cold JVM, all models deploying)
    // is not abandoned by the client: jobs activated into an abandoned poll stay locked until their
    // timeout (PT1M on the engine clock) and the first test of a run would wait for them in vain
    properties.put("camunda.client.worker.defaults.request-timeout", "PT10S");
    // the registry, ledger, contract records and outbox on the test JVM's one real Elasticsearch
    String elasticsearch = ElasticsearchTestServer.shared().baseUri().toString();
    properties.put("civicflow.registry.elasticsearch.url", elasticsearch);
    // the engine's history in Elasticsearch too, in indices of this context's own (one engine per
    // prefix)
    properties.put("civicflow.history.elasticsearch.index-prefix", "civicflow-history-" + restPort);
    properties.put("spring.elasticsearch.uris", elasticsearch);
    // a job that fails because Elasticsearch is down is offered again after a second, not 30
    properties.put("civicflow.registry.retry-backoff", "PT1S");
    properties.put("civicflow.demo.round", false);
    // notifications are mailed to the test JVM's one real SMTP server, to the built-in users with
    // an
    // address each (TestUsers); a job whose mail server is down is offered again after a second
    properties.put("spring.mail.host", "127.0.0.1");
    properties.put("spring.mail.port", MailTestServer.shared().port());
    properties.put("civicflow.notifications.mail.enabled", true);
    properties.put("civicflow.notifications.retry-backoff", "PT1S");
    properties.put("civicflow.engine.auth.users-file", TestUsers.withAddresses());
    // the first deployment of every model, decision and form is cold (JIT, parsers); give CPT's
    // clients room
    properties.put("camunda.process-test.remote.client.request-timeout", "PT30S");
    if (runtime.equals("camunda")) {
      properties.put("civicflow.engine.embedded.enabled", false);
      return Map.copyOf(properties);
    }
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("civicflow-test-engine");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String rest = "http://127.0.0.1:" + restPort;
    String grpc = "http://127.0.0.1:" + grpcPort;
    properties.put("civicflow.engine.data-dir", dataDir.toString());
    // the engine's gRPC gateway: Camunda Process Test builds its clients with
    // preferRestOverGrpc(false),
    // so its commands and the @JobWorkers it drives go over gRPC; the workers take their jobs by
    // job
    // streaming (polling backs off while a stream is open), as a Camunda 8 user would run them
    properties.put("civicflow.engine.grpc.port", grpcPort);
    properties.put("camunda.client.grpc-address", grpc);
    properties.put("camunda.process-test.remote.client.grpc-address", grpc);
    properties.put("camunda.client.worker.defaults.stream-enabled", true);
    properties.put("civicflow.engine.clock.controlled", true);
    properties.put("civicflow.engine.purge.enabled", true);
    // CPT 8.8.14 in remote self-managed mode builds its clients without credentials (only the
    // CAMUNDA_BASIC_AUTH_* environment variables would add them) and its management client moves
    // the
    // clock and purges without any: the process tests run with authentication off. The engine's own
    // tests (io.civicflow.engine.web.auth) prove authentication.
    properties.put("civicflow.engine.auth.enabled", false);
    // closing a client waits for its workers' pending long polls (CPT's mock workers ask for 10 s)
    properties.put("civicflow.engine.long-poll-timeout", "1s");
    properties.put("camunda.client.rest-address", rest);
    properties.put("camunda.process-test.runtime-mode", "remote");
    properties.put("camunda.process-test.remote.client.rest-address", rest);
    // the deployment of every model and form before each test: the first one, on a cold JVM on a
    // shared
    // two-core machine, can take longer than the client's default 10 s
    properties.put("camunda.process-test.remote.client.request-timeout", "PT60S");
    properties.put(
        "camunda.process-test.remote.camunda-monitoring-api-address",
        "http://127.0.0.1:" + managementPort);
    return Map.copyOf(properties);
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(new MapPropertySource("embedded-engine-test", PROPERTIES));
  }

  /**
   * Authentication on, on ports of its own (a second application context next to the process tests'
   * one in the same JVM): for tests that log in as the built-in users through the real engine, with
   * the application's workers running as {@code civicflow-workers}.
   */
  public static final class AuthenticatedOnItsOwnPorts
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Map<String, Object> OWN = authenticated(properties("embedded"));

    private static Map<String, Object> authenticated(Map<String, Object> properties) {
      Map<String, Object> own = new HashMap<>(properties);
      own.put("civicflow.engine.auth.enabled", true);
      // the application deploys every model and form at start, to a cold engine on a busy machine
      own.put("camunda.client.request-timeout", "PT60S");
      return Map.copyOf(own);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(new MapPropertySource("embedded-engine-test-authenticated-own", OWN));
    }
  }

  /**
   * The same, with the engine's authentication on as in production: for tests without Camunda
   * Process Test that log in as the built-in users (the console's browser test). The application's
   * own client authenticates as {@code civicflow-workers}.
   */
  public static final class WithAuthentication
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      new EmbeddedEngineTestInitializer().initialize(context);
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "embedded-engine-test-authenticated",
                  Map.of(
                      "civicflow.engine.auth.enabled",
                      true,
                      // the application deploys every model and form at start, to a cold engine
                      // on a busy machine
                      "camunda.client.request-timeout",
                      "PT60S")));
    }
  }
}
