package io.civicflow.engine.web.v2;

import static io.civicflow.engine.web.v2.IdentityGuard.requireAdministrator;

import io.civicflow.engine.api.Commands.CreateMappingRule;
import io.civicflow.engine.api.Commands.DeleteMappingRule;
import io.civicflow.engine.api.Commands.UpdateMappingRule;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.v2.IdentitySearches.MappingRuleResult;
import jakarta.servlet.http.HttpServletRequest;
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

/**
 * {@code /v2/mapping-rules}: Camunda 8.8's mapping rules, stored, searchable and assignable to
 * groups, roles and tenants. The engine authenticates with HTTP Basic only (no OIDC), so no token
 * claim is ever matched against them: they are kept for a setup shared with Camunda 8.
 */
@RestController
@RequestMapping("/v2/mapping-rules")
public class MappingRuleController {

  private final EngineApi engine;

  public MappingRuleController(EngineApi engine) {
    this.engine = engine;
  }

  public record MappingRuleCreateRequest(
      String mappingRuleId, String claimName, String claimValue, String name) {}

  public record MappingRuleUpdateRequest(String claimName, String claimValue, String name) {}

  @PostMapping
  public ResponseEntity<MappingRuleResult> create(
      HttpServletRequest request, @RequestBody MappingRuleCreateRequest body) {
    requireAdministrator(request);
    Answers.await(
        engine.changeIdentity(
            new CreateMappingRule(
                body.mappingRuleId(), body.claimName(), body.claimValue(), body.name())));
    return ResponseEntity.status(HttpStatus.CREATED).body(get(body.mappingRuleId()));
  }

  @PostMapping("/search")
  public SearchResult<MappingRuleResult> search(
      HttpServletRequest request, @RequestBody(required = false) SearchQuery query) {
    requireAdministrator(request);
    return IdentitySearches.search(
        IdentitySearches.MAPPING_RULES,
        engine.identity().mappingRules().values().stream().map(MappingRuleResult::of).toList(),
        query,
        engine.readModel());
  }

  @GetMapping("/{mappingRuleId}")
  public MappingRuleResult get(HttpServletRequest request, @PathVariable String mappingRuleId) {
    requireAdministrator(request);
    return get(mappingRuleId);
  }

  @PutMapping("/{mappingRuleId}")
  public MappingRuleResult update(
      HttpServletRequest request,
      @PathVariable String mappingRuleId,
      @RequestBody MappingRuleUpdateRequest body) {
    requireAdministrator(request);
    Answers.await(
        engine.changeIdentity(
            new UpdateMappingRule(
                mappingRuleId, body.claimName(), body.claimValue(), body.name())));
    return get(mappingRuleId);
  }

  @DeleteMapping("/{mappingRuleId}")
  public ResponseEntity<Void> delete(
      HttpServletRequest request, @PathVariable String mappingRuleId) {
    requireAdministrator(request);
    return Answers.noContent(engine.changeIdentity(new DeleteMappingRule(mappingRuleId)));
  }

  private MappingRuleResult get(String mappingRuleId) {
    var rule = engine.identity().mappingRules().get(mappingRuleId);
    if (rule == null) {
      throw EngineRejection.notFound("Mapping rule with ID '%s' not found", mappingRuleId);
    }
    return MappingRuleResult.of(rule);
  }
}
