package io.civicflow.engine.web.auth;

import io.civicflow.engine.access.IdentityDirectory;
import io.civicflow.engine.access.IdentityDirectory.Entity;
import io.civicflow.engine.access.IdentityDirectory.UserEntry;
import io.civicflow.engine.api.EngineApi;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2/authentication/me}: who the credentials belong to, as Camunda's {@code
 * CamundaUserResult} (a task list checks a log-in with it and reads the user's groups). Groups,
 * roles and tenants come from the engine's identity state, including those reached through groups
 * (roles) and through groups and roles (tenants), plus role {@code admin} for members of group
 * {@code admin}; every component is authorised ({@code "*"}), and there is no sales plan ({@code
 * ""}: required by Camunda's schema).
 */
@RestController
public class AuthenticationController {

  public record CamundaUserResult(
      String username,
      String displayName,
      String email,
      List<String> authorizedComponents,
      List<TenantResult> tenants,
      List<String> groups,
      List<String> roles,
      String salesPlanType,
      Map<String, String> c8Links,
      boolean canLogout,
      boolean apiUser) {}

  /** Camunda's TenantResult. */
  public record TenantResult(String tenantId, String name, String description) {}

  private final EngineApi engine;

  public AuthenticationController(EngineApi engine) {
    this.engine = engine;
  }

  @GetMapping("/v2/authentication/me")
  public CamundaUserResult me(HttpServletRequest request) {
    Identity identity = Identity.of(request);
    IdentityDirectory directory = engine.identity();
    return new CamundaUserResult(
        identity.username(),
        identity.displayName(),
        directory.user(identity.username()).map(UserEntry::email).orElse(null),
        List.of("*"),
        new TreeSet<>(identity.tenants())
            .stream()
                .map(
                    id -> {
                      Entity tenant = directory.tenants().get(id);
                      return tenant == null
                          ? new TenantResult(id, id, null)
                          : new TenantResult(id, tenant.name(), tenant.description());
                    })
                .toList(),
        identity.groups().stream().sorted().toList(),
        roles(identity),
        "",
        Map.of(),
        false,
        false);
  }

  private static List<String> roles(Identity identity) {
    TreeSet<String> roles = new TreeSet<>(identity.roles());
    if (identity.isAdmin()) {
      roles.add(Identity.ADMIN_GROUP);
    }
    return List.copyOf(roles);
  }
}
