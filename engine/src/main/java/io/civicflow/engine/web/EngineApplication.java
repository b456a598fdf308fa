package io.civicflow.engine.web;

import io.civicflow.engine.web.auth.HashPassword;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The standalone engine: {@code engine/target/civicflow-engine/bin/civicflow-engine
 * --server.port=8080 --management.server.port=9600 --civicflow.engine.data-dir=DIR} (the launcher:
 * class-data sharing and C1-only JIT, for a fast start), or the same arguments to {@code java -jar
 * engine/target/civicflow-engine.jar}. REST API v2 on 8080, management ({@code /actuator/health},
 * {@code /actuator/clock}, {@code /actuator/cluster}) on 9600, both on 127.0.0.1 unless told
 * otherwise.
 *
 * <p>Defaults are set here rather than in an {@code application.properties}, because the engine jar
 * is also a library on other applications' classpath. Deliberately no component scan: everything
 * comes from {@link EngineAutoConfiguration}, as in an embedding application.
 *
 * <p>{@code java -jar civicflow-engine.jar hash-password} prints the BCrypt hash of a password read
 * from standard input, for the users file ({@link HashPassword}); {@code cds-training} is the
 * launcher's training run for its class-data sharing archive ({@link CdsTraining}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class EngineApplication {

  public static void main(String[] args) throws IOException {
    if (args.length == 1 && args[0].equals(HashPassword.COMMAND)) {
      HashPassword.run(System.out);
      return;
    }
    if (args.length == 1 && args[0].equals(CdsTraining.COMMAND)) {
      try {
        CdsTraining.run();
      } catch (Exception e) {
        throw new IllegalStateException("The class-data sharing training run failed", e);
      }
      System.exit(0);
    }
    standalone().run(args);
  }

  /** The standalone application: the defaults below. */
  static SpringApplication standalone() {
    SpringApplication application = new SpringApplication(EngineApplication.class);
    application.setDefaultProperties(defaultProperties());
    return application;
  }

  /**
   * Auto-configurations on the classpath (through the actuator and web starters) that the
   * standalone engine does not use: metrics and observations (no metrics endpoint is exposed, yet
   * Micrometer would time every request), HTTP clients, caches, AOP and SQL initialisation. Leaving
   * them out shortens the start-up and the work per request. {@code
   * --spring.autoconfigure.exclude=} (empty) brings them back.
   */
  static final List<String> NOT_USED_BY_THE_ENGINE =
      List.of(
          "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.metrics.JvmMetricsAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.metrics.LogbackMetricsAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.metrics.SystemMetricsAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.metrics.startup.StartupTimeMetricsListenerAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.metrics.task.TaskExecutorMetricsAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.metrics.web.tomcat.TomcatMetricsAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.metrics.cache.CacheMetricsAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.observation.web.servlet.WebMvcObservationAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.observation.web.client.HttpClientObservationsAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.scheduling.ScheduledTasksObservabilityAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.ssl.SslObservabilityAutoConfiguration",
          "org.springframework.boot.autoconfigure.http.client.HttpClientAutoConfiguration",
          "org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration",
          "org.springframework.boot.autoconfigure.web.client.RestTemplateAutoConfiguration",
          "org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration",
          "org.springframework.boot.autoconfigure.aop.AopAutoConfiguration",
          "org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration");

  /** The defaults any property source (command line, environment, test properties) overrides. */
  public static Map<String, Object> defaultProperties() {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("spring.application.name", "civicflow-engine");
    defaults.put("server.address", "127.0.0.1");
    defaults.put("server.port", "8080");
    defaults.put("management.server.port", "9600");
    defaults.put("management.server.address", "127.0.0.1");
    defaults.put("management.endpoints.web.exposure.include", "health,clock,cluster,jobstreams");
    // anonymous probes see the status only; administrators (group admin) also the components and
    // their details (the data directory's path and free disk among them)
    defaults.put("management.endpoint.health.show-details", "when-authorized");
    defaults.put("management.endpoint.health.roles", "admin");
    // Zeebe's readiness group, polled by container-based runtimes
    defaults.put("management.endpoint.health.group.status.include", "engine");
    // Kubernetes' probes: /actuator/health/liveness and /readiness, both DOWN (503) once the
    // engine's processing thread or journal writer has stopped
    defaults.put("management.endpoint.health.probes.enabled", "true");
    defaults.put("management.endpoint.health.group.liveness.include", "livenessState,engine");
    defaults.put("management.endpoint.health.group.readiness.include", "readinessState,engine");
    // deployments: the request limit of both APIs (Zeebe's default maximum message size, 4MB)
    defaults.put(
        "spring.servlet.multipart.max-file-size",
        "${civicflow.engine.limits.max-request-size:4MB}");
    defaults.put(
        "spring.servlet.multipart.max-request-size",
        "${civicflow.engine.limits.max-request-size:4MB}");
    defaults.put("spring.autoconfigure.exclude", String.join(",", NOT_USED_BY_THE_ENGINE));
    return defaults;
  }
}
