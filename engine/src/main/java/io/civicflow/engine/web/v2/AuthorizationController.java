package io.civicflow.engine.web.v2;

import static io.civicflow.engine.web.v2.IdentityGuard.requireAdministrator;

import io.civicflow.engine.access.OwnerType;
import io.civicflow.engine.access.PermissionType;
import io.civicflow.engine.access.ResourceType;
import io.civicflow.engine.api.Commands.CreateAuthorization;
import io.civicflow.engine.api.Commands.DeleteAuthorization;
import io.civicflow.engine.api.Commands.UpdateAuthorization;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.v2.IdentitySearches.AuthorizationResult;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v2/authorizations}: Camunda 8.8's authorizations, kept in the engine's state. */
@RestController
@RequestMapping("/v2/authorizations")
public class AuthorizationController {

  private final EngineApi engine;

  public AuthorizationController(EngineApi engine) {
    this.engine = engine;
  }

  public record AuthorizationRequest(
      String ownerId,
      OwnerType ownerType,
      String resourceId,
      ResourceType resourceType,
      List<PermissionType> permissionTypes) {}

  public record AuthorizationCreateResult(long authorizationKey) {}

  @PostMapping
  public ResponseEntity<AuthorizationCreateResult> create(
      HttpServletRequest request, @RequestBody AuthorizationRequest body) {
    requireAdministrator(request);
    long key =
        Answers.await(
            engine.changeIdentity(
                new CreateAuthorization(
                    body.ownerType(),
                    body.ownerId(),
                    body.resourceType(),
                    body.resourceId(),
                    body.permissionTypes())));
    return ResponseEntity.status(HttpStatus.CREATED).body(new AuthorizationCreateResult(key));
  }

  @PostMapping("/search")
  public SearchResult<AuthorizationResult> search(
      HttpServletRequest request, @RequestBody(required = false) SearchQuery query) {
    requireAdministrator(request);
    return IdentitySearches.search(
        IdentitySearches.AUTHORIZATIONS,
        engine.identity().authorizations().values().stream().map(AuthorizationResult::of).toList(),
        query,
        engine.readModel());
  }

  @GetMapping("/{authorizationKey}")
  public AuthorizationResult get(HttpServletRequest request, @PathVariable long authorizationKey) {
    requireAdministrator(request);
    var grant = engine.identity().authorizations().get(authorizationKey);
    if (grant == null) {
      throw EngineRejection.notFound("Authorization with key '%d' not found", authorizationKey);
    }
    return AuthorizationResult.of(grant);
  }

  @PutMapping("/{authorizationKey}")
  public ResponseEntity<Void> update(
      HttpServletRequest request,
      @PathVariable long authorizationKey,
      @RequestBody AuthorizationRequest body) {
    requireAdministrator(request);
    return Answers.noContent(
        engine.changeIdentity(
            new UpdateAuthorization(
                authorizationKey,
                body.ownerType(),
                body.ownerId(),
                body.resourceType(),
                body.resourceId(),
                body.permissionTypes())));
  }

  @DeleteMapping("/{authorizationKey}")
  public ResponseEntity<Void> delete(
      HttpServletRequest request, @PathVariable long authorizationKey) {
    requireAdministrator(request);
    return Answers.noContent(engine.changeIdentity(new DeleteAuthorization(authorizationKey)));
  }
}
