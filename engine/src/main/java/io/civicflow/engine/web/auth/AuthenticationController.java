package io.civicflow.engine.web.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2/authentication/me}: who the credentials belong to, as Camunda's {@code
 * CamundaUserResult} (a task list checks a log-in with it and reads the user's groups). Roles,
 * tenants and components are not modelled: roles is {@code ["admin"]} for administrators, tenants
 * is empty, and every component is authorised ({@code "*"}).
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
        identity.isAdmin() ? List.of(Identity.ADMIN_GROUP) : List.of(),
        Map.of(),
        false,
        false);
  }
}
