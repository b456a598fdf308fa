package io.civicflow.engine.web.v2;

import static io.civicflow.engine.web.v2.IdentityGuard.requireAdministrator;

import io.civicflow.engine.api.Commands.CreateUser;
import io.civicflow.engine.api.Commands.DeleteUser;
import io.civicflow.engine.api.Commands.UpdateUser;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.v2.IdentitySearches.UserResult;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v2/users}: Camunda 8.8's users. The password is hashed (BCrypt) here, before the command
 * reaches the engine, so no clear password is ever journaled; answers never carry a hash.
 */
@RestController
@RequestMapping("/v2/users")
public class UserController {

  /** BCrypt reads at most 72 bytes of a password; a longer one would be cut silently. */
  private static final int MAX_PASSWORD_BYTES = 72;

  private final EngineApi engine;
  private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

  public UserController(EngineApi engine) {
    this.engine = engine;
  }

  public record UserRequest(String password, String username, String name, String email) {}

  public record UserUpdateRequest(String password, String name, String email) {}

  @PostMapping
  public ResponseEntity<UserResult> create(
      HttpServletRequest request, @RequestBody UserRequest body) {
    requireAdministrator(request);
    Requests.requireText(body.username(), "username");
    String hash = hash(Requests.requireText(body.password(), "password"));
    Answers.await(
        engine.changeIdentity(new CreateUser(body.username(), body.name(), body.email(), hash)));
    return ResponseEntity.status(HttpStatus.CREATED).body(get(body.username()));
  }

  @PostMapping("/search")
  public SearchResult<UserResult> search(
      HttpServletRequest request, @RequestBody(required = false) SearchQuery query) {
    requireAdministrator(request);
    return IdentitySearches.search(
        IdentitySearches.USERS,
        engine.identity().users().values().stream().map(UserResult::of).toList(),
        query,
        engine.readModel());
  }

  @GetMapping("/{username}")
  public UserResult get(HttpServletRequest request, @PathVariable String username) {
    requireAdministrator(request);
    return get(username);
  }

  @PutMapping("/{username}")
  public UserResult update(
      HttpServletRequest request,
      @PathVariable String username,
      @RequestBody UserUpdateRequest body) {
    requireAdministrator(request);
    String hash =
        body.password() == null || body.password().isEmpty() ? null : hash(body.password());
    Answers.await(engine.changeIdentity(new UpdateUser(username, body.name(), body.email(), hash)));
    return get(username);
  }

  @DeleteMapping("/{username}")
  public ResponseEntity<Void> delete(HttpServletRequest request, @PathVariable String username) {
    requireAdministrator(request);
    return Answers.noContent(engine.changeIdentity(new DeleteUser(username)));
  }

  private UserResult get(String username) {
    return engine
        .identity()
        .user(username)
        .map(UserResult::of)
        .orElseThrow(() -> EngineRejection.notFound("User with username '%s' not found", username));
  }

  private String hash(String password) {
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      throw EngineRejection.invalidArgument(
          "The password is longer than %d bytes (BCrypt's limit)", MAX_PASSWORD_BYTES);
    }
    return bcrypt.encode(password);
  }
}
