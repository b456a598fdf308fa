package io.civicflow.engine.web.auth;

import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Set;

/**
 * Who sent a request, as {@link EngineAuthFilter} established it. Controllers read it with {@link
 * #of(HttpServletRequest)}.
 *
 * @param username the user name from the users file
 * @param displayName the name to show (the user name when the file gives none)
 * @param groups the user's groups; candidate groups of user tasks are matched against them
 * @param roles the user's roles from the users file, reported by {@code /v2/authentication/me}
 * @param tenants the tenants whose data the user may see; empty means the default tenant only
 */
public record Identity(
    String username,
    String displayName,
    Set<String> groups,
    Set<String> roles,
    Set<String> tenants) {

  /**
   * Members of this group or role may do everything, including the management endpoints (group
   * {@code admin} holds role {@code admin} in the identity state).
   */
  public static final String ADMIN_GROUP = "admin";

  /**
   * Everyone, when authentication is switched off ({@code civicflow.engine.auth.enabled=false}).
   */
  public static final Identity ANONYMOUS_ADMIN =
      new Identity(
          "anonymous",
          "Anonymous (authentication off)",
          Set.of(ADMIN_GROUP),
          Set.of(ADMIN_GROUP),
          Set.of());

  static final String REQUEST_ATTRIBUTE = Identity.class.getName();

  public Identity {
    groups = Set.copyOf(groups);
    roles = Set.copyOf(roles);
    tenants = Set.copyOf(tenants);
  }

  public boolean isAdmin() {
    return groups.contains(ADMIN_GROUP) || roles.contains(ADMIN_GROUP);
  }

  /**
   * The identity of a request that passed the filter. A request that did not (a web layer wired
   * without {@link EngineAuthFilter}) is treated as unauthenticated: fail closed.
   */
  public static Identity of(HttpServletRequest request) {
    if (request.getAttribute(REQUEST_ATTRIBUTE) instanceof Identity identity) {
      return identity;
    }
    throw new EngineRejection(RejectionType.UNAUTHORIZED, "The request is not authenticated");
  }

  /**
   * Attaches this identity to the request, and answers the request as the servlet API sees it: with
   * this user as its principal and its groups and roles as its roles (what Spring Boot's actuator
   * asks to decide whether {@code /actuator/health} shows its details).
   */
  HttpServletRequest attachTo(HttpServletRequest request) {
    request.setAttribute(REQUEST_ATTRIBUTE, this);
    Principal principal = this::username;
    return new HttpServletRequestWrapper(request) {
      @Override
      public Principal getUserPrincipal() {
        return principal;
      }

      @Override
      public String getRemoteUser() {
        return username;
      }

      @Override
      public boolean isUserInRole(String role) {
        return groups.contains(role) || roles.contains(role);
      }
    };
  }
}
