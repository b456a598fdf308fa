package io.civicflow.engine.web.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2/authentication/me}: who the credentials belong to, as Camunda's {@code
 * CamundaUserResult} (a task list checks a log-in with it and reads the user's groups). Roles are
 * the users file's, plus {@code admin} for members of group {@code admin}; tenants are not modelled
 * (empty), every component is authorised ({@code "*"}), and there is no sales plan ({@code ""}:
 * required by Camunda's schema).
 */
@RestController
public class AuthenticationController {

  public record CamundaUserResult(
      String username,
      String displayName,
      List<String> authorizedComponents,
      List<Object> tenants,
      List<String> groups,
      List<String> roles,
      String salesPlanType,
      Map<String, String> c8Links,
      boolean canLogout,
      boolean apiUser) {}

  @GetMapping("/v2/authentication/me")
  public CamundaUserResult me(HttpServletRequest request) {
    Identity identity = Identity.of(request);
    return new CamundaUserResult(
        identity.username(),
        identity.displayName(),
        List.of("*"),
        List.of(),
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
