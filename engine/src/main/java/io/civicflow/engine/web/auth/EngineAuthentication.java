package io.civicflow.engine.web.auth;

import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.web.EngineProperties;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication the engine runs with, built once from {@code civicflow.engine.auth.*}: the
 * users file loaded and checked at start-up (a bad file stops the start) and seeded into the
 * engine's identity state, which authentication then reads; or nothing when switched off. Both the
 * REST API's and the management server's {@link EngineAuthFilter} use it.
 */
public final class EngineAuthentication {

  private static final Logger LOG = LoggerFactory.getLogger(EngineAuthentication.class);

  private final Authenticator authenticator;

  private EngineAuthentication(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  /**
   * Seeds the engine's identity state from the users file (when the engine keeps one: {@link
   * EngineApi#managesIdentity()}) and authenticates against that state; otherwise against the file
   * as read.
   */
  public static EngineAuthentication from(EngineProperties.Auth properties, EngineApi engine) {
    return of(properties, engine != null && engine.managesIdentity() ? engine : null);
  }

  /**
   * Authenticates against the users file as read, for a web layer without an engine of its own (the
   * application in front of Camunda 8).
   */
  public static EngineAuthentication fromUsersFile(EngineProperties.Auth properties) {
    return of(properties, null);
  }

  /**
   * @param engine the engine keeping the identity state, or null to use the file as read
   */
  private static EngineAuthentication of(EngineProperties.Auth properties, EngineApi engine) {
    if (engine != null) {
      IdentitySeeding.seed(engine, properties.usersFile());
    }
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
          "HTTP Basic authentication; the users file {} names {} users",
          properties.usersFile(),
          users.size());
    }
    return new EngineAuthentication(
        engine != null
            ? new Authenticator(new IdentityUsers(engine::identity))
            : new Authenticator(users));
  }

  public boolean enabled() {
    return authenticator != null;
  }

  /**
   * The check of an {@code Authorization} value (HTTP Basic) and the client's address for gateways
   * other than the servlet one (gRPC): the caller, or empty when the value is not accepted; null
   * when authentication is switched off. Throws an {@link EngineRejection} ({@code
   * RESOURCE_EXHAUSTED}) when the address or the user failed too often lately.
   */
  public java.util.function.BiFunction<String, String, java.util.Optional<Identity>> callers() {
    if (authenticator == null) {
      return null;
    }
    return (header, address) -> {
      try {
        return authenticator.authenticateHeader(header, address);
      } catch (LoginThrottledException throttled) {
        throw new EngineRejection(RejectionType.RESOURCE_EXHAUSTED, throttled.getMessage());
      }
    };
  }

  public EngineAuthFilter filter(EngineAuthFilter.Rules rules) {
    return new EngineAuthFilter(authenticator, rules);
  }
}
