package io.civicflow.workers.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.civicflow.workers.console.IdentityProperties.User;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Camunda's {@code GET /v2/authentication/me} for HTTP Basic credentials, answered from {@link UserDirectory}:
 * the console logs in with it and learns the user's groups, exactly as it would against a Camunda 8 cluster
 * with basic authentication. Wrong or missing credentials are a 401 problem without {@code WWW-Authenticate},
 * so browsers show the console's login page rather than their own dialog.
 */
@RestController
public class AuthenticationController {

  /** Camunda's CamundaUserResult, reduced to what the embedded setup knows; nulls omitted as Camunda does. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CamundaUserResult(
      String username,
      String displayName,
      String email,
      List<String> authorizedComponents,
      List<String> tenants,
      List<String> groups,
      List<String> roles,
      boolean canLogout,
      boolean apiUser) {}

  private final UserDirectory directory;

  public AuthenticationController(UserDirectory directory) {
    this.directory = directory;
  }

  @GetMapping(path = "/v2/authentication/me", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> me(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    Optional<User> user = basicCredentials(authorization).flatMap(c -> directory.authenticate(c[0], c[1]));
    if (user.isEmpty()) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Wrong or missing credentials");
      problem.setTitle("UNAUTHORIZED");
      problem.setInstance(URI.create("/v2/authentication/me"));
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
    User u = user.get();
    return ResponseEntity.ok(new CamundaUserResult(u.username(), u.name(), null,
        List.of("tasklist", "operate"), List.of(), u.groups(), u.roles(), true, false));
  }

  /** {@code Basic base64(user:password)} → [user, password], UTF-8 as browsers send it. */
  static Optional<String[]> basicCredentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }
}
