package io.civicflow.engine.web;

import io.civicflow.engine.web.auth.HashPassword;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The standalone engine: {@code java -jar engine/target/civicflow-engine.jar --server.port=8080
 * --management.server.port=9600 --civicflow.engine.data-dir=DIR}. REST API v2 on 8080, management
 * ({@code /actuator/health}, {@code /actuator/clock}, {@code /actuator/cluster}) on 9600, both on
 * 127.0.0.1 unless told otherwise.
 *
 * <p>Defaults are set here rather than in an {@code application.properties}, because the engine jar
 * is also a library on other applications' classpath. Deliberately no component scan: everything
 * comes from {@link EngineAutoConfiguration}, as in an embedding application.
 *
 * <p>{@code java -jar civicflow-engine.jar hash-password} prints the BCrypt hash of a password
 * read from standard input, for the users file ({@link HashPassword}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class EngineApplication {

  public static void main(String[] args) throws IOException {
    if (args.length == 1 && args[0].equals(HashPassword.COMMAND)) {
      HashPassword.run(System.out);
      return;
    }
    SpringApplication application = new SpringApplication(EngineApplication.class);
    application.setDefaultProperties(defaultProperties());
    application.run(args);
  }

  /** The defaults any property source (command line, environment, test properties) overrides. */
  public static Map<String, Object> defaultProperties() {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("spring.application.name", "civicflow-engine");
    defaults.put("server.address", "127.0.0.1");
    defaults.put("server.port", "8080");
    defaults.put("management.server.port", "9600");
    defaults.put("management.server.address", "127.0.0.1");
    defaults.put("management.endpoints.web.exposure.include", "health,clock,cluster,jobstreams");
    defaults.put("management.endpoint.health.show-details", "always");
    // Zeebe's readiness group, polled by container-based runtimes
    defaults.put("management.endpoint.health.group.status.include", "engine");
    // Zeebe's default maximum message size
    defaults.put("spring.servlet.multipart.max-file-size", "4MB");
    defaults.put("spring.servlet.multipart.max-request-size", "4MB");
    return defaults;
  }
}
