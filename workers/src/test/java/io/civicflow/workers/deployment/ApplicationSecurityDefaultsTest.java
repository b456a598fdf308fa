package io.civicflow.workers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.web.EngineProperties;
import io.civicflow.engine.web.auth.Authenticator;
import io.civicflow.engine.web.auth.Identity;
import io.civicflow.engine.web.auth.UsersFile;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.ClassPathResource;

/**
 * The application's default profile runs the embedded engine as the engine README promises: both
 * ports on 127.0.0.1 only, authentication on, and the job workers' client logging in as an
 * administrator of the built-in users file (so a dev run works out of the box). The {@code camunda}
 * profile opens the management port on the application's interface, for Docker to publish.
 */
class ApplicationSecurityDefaultsTest {

  @Test
  void theDefaultProfileListensOnLoopbackOnlyWithAuthenticationOn() throws IOException {
    PropertyResolver application = resolver("application.yaml");

    assertThat(application.getProperty("server.address")).isEqualTo("127.0.0.1");
    assertThat(application.getProperty("management.server.address")).isEqualTo("127.0.0.1");
    assertThat(application.getProperty("civicflow.engine.auth.enabled", "true")).isEqualTo("true");
    assertThat(application.getProperty("civicflow.engine.auth.users-file")).isNull();
  }

  @Test
  void theWorkersLogInAsAnAdministratorOfTheBuiltInUsers() throws IOException {
    PropertyResolver application = resolver("application.yaml");

    assertThat(application.getProperty("camunda.client.auth.method")).isEqualTo("basic");
    String username = application.getProperty("camunda.client.auth.username");
    String password = application.getProperty("camunda.client.auth.password");
    Optional<Identity> identity =
        new Authenticator(UsersFile.load(EngineProperties.Auth.DEFAULT_USERS_FILE))
            .authenticate(username, password);
    assertThat(identity).as("%s logs in", username).isPresent();
    assertThat(identity.get().isAdmin()).isTrue();
  }

  @Test
  void theCamundaProfilePublishesTheManagementPortOnTheApplicationsInterface() throws IOException {
    PropertyResolver camunda = resolver("application-camunda.yaml");

    assertThat(camunda.getProperty("management.server.address"))
        .isEqualTo(camunda.getProperty("server.address"))
        .isEqualTo("0.0.0.0");
  }

  @Test
  void onlyTheDemoProfileMayMoveTheEngineClockAndStartsTheDemoRound() throws IOException {
    PropertyResolver application = resolver("application.yaml");
    PropertyResolver demo = resolver("application-demo.yaml");

    assertThat(application.getProperty("civicflow.engine.clock.controlled")).isEqualTo("false");
    assertThat(application.getProperty("civicflow.demo.round")).isEqualTo("false");
    assertThat(demo.getProperty("civicflow.engine.clock.controlled")).isEqualTo("true");
    assertThat(demo.getProperty("civicflow.demo.round")).isEqualTo("true");
    // the current round follows the completed 2016 round the demo history writes into the register
    assertThat(demo.getProperty("civicflow.demo.clock-start")).startsWith("2018-07-01T09:00");
    assertThat(demo.getProperty("civicflow.demo.history")).isEqualTo("true");
  }

  /** The file's own properties, placeholders resolved to their defaults. */
  private static PropertyResolver resolver(String file) throws IOException {
    MutablePropertySources sources = new MutablePropertySources();
    new YamlPropertySourceLoader()
        .load(file, new ClassPathResource(file))
        .forEach(sources::addLast);
    return new PropertySourcesPropertyResolver(sources);
  }
}
