package io.civicflow.engine.web.v2;

import io.civicflow.engine.access.AuthorizedReadModel;
import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Commands.EvaluateDecision;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.Results.DecisionEvaluation;
import io.civicflow.engine.api.Results.EvaluatedDecision;
import io.civicflow.engine.query.Records.DecisionDefinitionRecord;
import io.civicflow.engine.query.Records.DecisionRequirementsRecord;
import io.civicflow.engine.web.auth.CallerEngine;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.Searcher;
import io.civicflow.engine.web.v2.DecisionSearches.DecisionDefinitionResult;
import io.civicflow.engine.web.v2.DecisionSearches.DecisionInstanceResult;
import io.civicflow.engine.web.v2.DecisionSearches.DecisionRequirementsResult;
import io.civicflow.engine.web.v2.DecisionSearches.EvaluatedInputItem;
import io.civicflow.engine.web.v2.DecisionSearches.MatchedRuleItem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * DMN over Camunda's REST API: decision definitions (search, get, XML, evaluation), decision
 * requirements (search, get, XML) and decision instances (search, get with inputs and matched
 * rules).
 */
@RestController
@RequestMapping("/v2")
public class DecisionController {

  private static final MediaType TEXT_XML_UTF8 =
      new MediaType("text", "xml", StandardCharsets.UTF_8);

  private final EngineApi engine;

  public DecisionController(CallerEngine callerEngine) {
    this.engine = callerEngine.api();
  }

  /** Camunda's DecisionEvaluationInstruction (by id or by key). */
  public record DecisionEvaluationInstruction(
      String decisionDefinitionId,
      Long decisionDefinitionKey,
      Map<String, Object> variables,
      String tenantId) {}

  /** Camunda's EvaluateDecisionResult. */
  public record EvaluateDecisionResult(
      String decisionDefinitionId,
      String decisionDefinitionName,
      int decisionDefinitionVersion,
      String decisionRequirementsId,
      String output,
      String failedDecisionDefinitionId,
      String failureMessage,
      String tenantId,
      long decisionDefinitionKey,
      long decisionRequirementsKey,
      long decisionInstanceKey,
      long decisionEvaluationKey,
      List<EvaluatedDecisionResult> evaluatedDecisions) {}

  public record EvaluatedDecisionResult(
      String decisionDefinitionId,
      String decisionDefinitionName,
      int decisionDefinitionVersion,
      String decisionDefinitionType,
      String output,
      String tenantId,
      List<MatchedRuleItem> matchedRules,
      List<EvaluatedInputItem> evaluatedInputs,
      long decisionDefinitionKey,
      String decisionEvaluationInstanceKey) {}

  // ---------------------------------------------------------------- decision definitions

  @PostMapping("/decision-definitions/search")
  public SearchResult<DecisionDefinitionResult> searchDefinitions(
      @RequestBody(required = false) SearchQuery query) {
    return Searcher.search(DecisionSearches.DEFINITIONS, query, engine.readModel());
  }

  @GetMapping("/decision-definitions/{decisionDefinitionKey}")
  public DecisionDefinitionResult getDefinition(@PathVariable long decisionDefinitionKey) {
    return DecisionSearches.definition(definition(decisionDefinitionKey));
  }

  @GetMapping("/decision-definitions/{decisionDefinitionKey}/xml")
  public ResponseEntity<String> definitionXml(@PathVariable long decisionDefinitionKey) {
    DecisionDefinitionRecord definition = definition(decisionDefinitionKey);
    return xml(requirements(definition.decisionRequirementsKey()));
  }

  @PostMapping("/decision-definitions/evaluation")
  public EvaluateDecisionResult evaluate(@RequestBody DecisionEvaluationInstruction body) {
    return render(
        Answers.await(
            engine.evaluateDecision(
                new EvaluateDecision(
                    body.decisionDefinitionKey(),
                    body.decisionDefinitionId(),
                    Requests.variables(body.variables()),
                    Commands.tenantOrDefault(body.tenantId())))));
  }

  // ---------------------------------------------------------------- decision requirements

  @PostMapping("/decision-requirements/search")
  public SearchResult<DecisionRequirementsResult> searchRequirements(
      @RequestBody(required = false) SearchQuery query) {
    return Searcher.search(DecisionSearches.REQUIREMENTS, query, engine.readModel());
  }

  @GetMapping("/decision-requirements/{decisionRequirementsKey}")
  public DecisionRequirementsResult getRequirements(@PathVariable long decisionRequirementsKey) {
    return DecisionSearches.requirements(requirements(decisionRequirementsKey));
  }

  @GetMapping("/decision-requirements/{decisionRequirementsKey}/xml")
  public ResponseEntity<String> requirementsXml(@PathVariable long decisionRequirementsKey) {
    return xml(requirements(decisionRequirementsKey));
  }

  // ---------------------------------------------------------------- decision instances

  @PostMapping("/decision-instances/search")
  public SearchResult<DecisionInstanceResult> searchInstances(
      @RequestBody(required = false) SearchQuery query) {
    return Searcher.search(DecisionSearches.INSTANCES, query, engine.readModel());
  }

  @GetMapping("/decision-instances/{decisionEvaluationInstanceKey}")
  public DecisionInstanceResult getInstance(@PathVariable String decisionEvaluationInstanceKey) {
    return DecisionSearches.instance(
        AuthorizedReadModel.get(
            engine.readModel(),
            model -> model.decisionInstance(decisionEvaluationInstanceKey),
            () ->
                EngineRejection.notFound(
                    "Decision instance with key '%s' not found", decisionEvaluationInstanceKey)),
        true);
  }

  // ---------------------------------------------------------------- helpers

  private DecisionDefinitionRecord definition(long key) {
    return AuthorizedReadModel.get(
        engine.readModel(),
        model -> model.decisionDefinition(key),
        () -> EngineRejection.notFound("Decision definition with key '%d' not found", key));
  }

  private DecisionRequirementsRecord requirements(long key) {
    return AuthorizedReadModel.get(
        engine.readModel(),
        model -> model.decisionRequirements(key),
        () -> EngineRejection.notFound("Decision requirements with key '%d' not found", key));
  }

  private static ResponseEntity<String> xml(DecisionRequirementsRecord requirements) {
    return ResponseEntity.ok().contentType(TEXT_XML_UTF8).body(requirements.xml());
  }

  static EvaluateDecisionResult render(DecisionEvaluation e) {
    List<EvaluatedDecision> evaluated = e.evaluatedDecisions();
    List<EvaluatedDecisionResult> decisions = new java.util.ArrayList<>();
    for (int i = 0; i < evaluated.size(); i++) {
      EvaluatedDecision d = evaluated.get(i);
      decisions.add(
          new EvaluatedDecisionResult(
              d.decisionId(),
              d.decisionName(),
              d.decisionVersion(),
              d.decisionType(),
              d.output(),
              e.tenantId(),
              DecisionSearches.rules(d.matchedRules()),
              DecisionSearches.inputs(d.inputs()),
              d.decisionKey(),
              e.decisionEvaluationKey() + "-" + (i + 1)));
    }
    return new EvaluateDecisionResult(
        e.decisionId(),
        e.decisionName(),
        e.decisionVersion(),
        e.decisionRequirementsId(),
        e.output(),
        // required by Camunda's schema; empty, as Camunda answers, when nothing failed
        Objects.requireNonNullElse(e.failedDecisionId(), ""),
        Objects.requireNonNullElse(e.failureMessage(), ""),
        e.tenantId(),
        e.decisionKey(),
        e.decisionRequirementsKey(),
        e.decisionEvaluationKey(),
        e.decisionEvaluationKey(),
        decisions);
  }
}
