package io.civicflow.engine.web.v2;

import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.web.auth.Identity;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who may use the identity endpoints ({@code /v2/users}, {@code /v2/groups}, {@code /v2/roles},
 * {@code /v2/tenants}, {@code /v2/mapping-rules}, {@code /v2/authorizations}): administrators only
 * (role or group {@code admin}), until the access check enforces Camunda's resource permissions
 * (USER, GROUP, ROLE, TENANT, MAPPING_RULE, AUTHORIZATION) here. Every identity endpoint calls
 * {@link #requireAdministrator} first, and nothing else decides.
 */
public final class IdentityGuard {

  private IdentityGuard() {}

  /** The caller, if an administrator; else 403 {@code FORBIDDEN}, before anything is read. */
  public static Identity requireAdministrator(HttpServletRequest request) {
    Identity identity = Identity.of(request);
    if (!identity.isAdmin()) {
      throw new EngineRejection(
          RejectionType.FORBIDDEN,
          "User '"
              + identity.username()
              + "' may not manage users, groups, roles, tenants, mapping rules or authorizations"
              + " (role 'admin' only)");
    }
    return identity;
  }
}
