package io.civicflow.workers.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the embedded engine and Camunda Process Test at the same free ports, once per test JVM (so
 * every process test shares one application context and one engine). Clock control and purge are on,
 * as CPT needs them.
 */
public final class EmbeddedEngineTestInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final Map<String, Object> PROPERTIES = properties();

  private static Map<String, Object> properties() {
    int restPort = freePort();
    int managementPort = freePort();
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("civicflow-test-engine");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String rest = "http://127.0.0.1:" + restPort;
    return Map.of(
        "server.port", restPort,
        "management.server.port", managementPort,
        "civicflow.engine.data-dir", dataDir.toString(),
        "civicflow.engine.clock.controlled", true,
        "civicflow.engine.purge.enabled", true,
        "camunda.client.rest-address", rest,
        // closing a client waits for its workers' pending long polls; keep them short between tests
        "camunda.client.worker.defaults.request-timeout", "PT1S",
        "camunda.process-test.runtime-mode", "remote",
        "camunda.process-test.remote.client.rest-address", rest,
        "camunda.process-test.remote.camunda-monitoring-api-address", "http://127.0.0.1:" + managementPort);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embedded-engine-test", PROPERTIES));
  }
}
