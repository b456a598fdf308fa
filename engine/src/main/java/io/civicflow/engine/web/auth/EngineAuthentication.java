package io.civicflow.engine.web.auth;

import io.civicflow.engine.web.EngineProperties;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication the engine runs with, built once from {@code civicflow.engine.auth.*}: the
 * users file loaded and checked at start-up (a bad file stops the start), or nothing when switched
 * off. Both the REST API's and the management server's {@link EngineAuthFilter} use it.
 */
public final class EngineAuthentication {

  private static final Logger LOG = LoggerFactory.getLogger(EngineAuthentication.class);

  private final Authenticator authenticator;

  private EngineAuthentication(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  public static EngineAuthentication from(EngineProperties.Auth properties) {
    if (!properties.enabled()) {
      LOG.warn(
          "Authentication is switched off (civicflow.engine.auth.enabled=false): every request to"
              + " /v2 and the management endpoints runs as an administrator");
      return new EngineAuthentication(null);
    }
    Map<String, User> users = UsersFile.load(properties.usersFile());
    if (properties.usesDefaultUsers()) {
      LOG.warn(
          "HTTP Basic authentication with the built-in demo users ({} users, password 'demo'):"
              + " point civicflow.engine.auth.users-file at your own users file for anything but a"
              + " demo",
          users.size());
    } else {
      LOG.info(
          "HTTP Basic authentication with {} users from {}", users.size(), properties.usersFile());
    }
    return new EngineAuthentication(new Authenticator(users));
  }

  public boolean enabled() {
    return authenticator != null;
  }

  /**
   * The check of an {@code Authorization} value (HTTP Basic) for gateways other than the servlet
   * one (gRPC); null when authentication is switched off.
   */
  public java.util.function.Predicate<String> authorizationCheck() {
    return authenticator == null ? null : header -> authenticator.authenticate(header).isPresent();
  }

  public EngineAuthFilter filter(EngineAuthFilter.Rules rules) {
    return new EngineAuthFilter(authenticator, rules);
  }
}
