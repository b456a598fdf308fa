package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.dmn.DecisionOutcome;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.DecisionDefinitionRecord;
import io.civicflow.engine.query.Records.DecisionInstanceRecord;
import io.civicflow.engine.query.Records.DecisionRequirementsRecord;
import io.civicflow.engine.web.json.WebJson;
import io.civicflow.engine.web.search.SearchResource;
import io.civicflow.engine.web.search.SearchSchema;
import io.civicflow.engine.web.search.Searcher;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * The searches of {@code /v2/decision-definitions}, {@code /v2/decision-requirements} and {@code
 * /v2/decision-instances}, with Camunda's filter and sort fields and result shapes.
 */
final class DecisionSearches {

  private DecisionSearches() {}

  // ------------------------------------------------------------------ decision definitions

  /** Camunda's DecisionDefinitionResult. */
  public record DecisionDefinitionResult(
      String decisionDefinitionId,
      String name,
      int version,
      String decisionRequirementsId,
      String tenantId,
      long decisionDefinitionKey,
      long decisionRequirementsKey) {}

  static final SearchResource<DecisionDefinitionRecord, DecisionDefinitionResult> DEFINITIONS =
      new SearchResource<>() {
        private final SearchSchema<DecisionDefinitionRecord> schema =
            SearchSchema.<DecisionDefinitionRecord>builder(
                    "decision-definitions",
                    Comparator.comparingLong(DecisionDefinitionRecord::decisionDefinitionKey),
                    r -> Long.toString(r.decisionDefinitionKey()))
                .string("decisionDefinitionId", DecisionDefinitionRecord::decisionDefinitionId)
                .string("name", DecisionDefinitionRecord::name)
                .integer("version", DecisionDefinitionRecord::version)
                .string("decisionRequirementsId", DecisionDefinitionRecord::decisionRequirementsId)
                .string("tenantId", DecisionDefinitionRecord::tenantId)
                .key("decisionDefinitionKey", DecisionDefinitionRecord::decisionDefinitionKey)
                .key("decisionRequirementsKey", DecisionDefinitionRecord::decisionRequirementsKey)
                .sortable(
                    "decisionDefinitionKey",
                    "decisionDefinitionId",
                    "name",
                    "version",
                    "decisionRequirementsId",
                    "decisionRequirementsKey",
                    "tenantId")
                .build();

        @Override
        public SearchSchema<DecisionDefinitionRecord> schema() {
          return schema;
        }

        @Override
        public Collection<DecisionDefinitionRecord> candidates(
            ReadModel readModel, JsonNode filter) {
          OptionalLong key = Searcher.pinnedKey(filter, "decisionDefinitionKey");
          return key.isPresent()
              ? readModel.decisionDefinition(key.getAsLong()).map(List::of).orElse(List.of())
              : readModel.decisionDefinitions();
        }

        @Override
        public DecisionDefinitionResult render(DecisionDefinitionRecord r) {
          return definition(r);
        }
      };

  static DecisionDefinitionResult definition(DecisionDefinitionRecord r) {
    return new DecisionDefinitionResult(
        r.decisionDefinitionId(),
        r.name(),
        r.version(),
        r.decisionRequirementsId(),
        r.tenantId(),
        r.decisionDefinitionKey(),
        r.decisionRequirementsKey());
  }

  // ------------------------------------------------------------------ decision requirements

  /** Camunda's DecisionRequirementsResult. */
  public record DecisionRequirementsResult(
      String decisionRequirementsName,
      int version,
      String decisionRequirementsId,
      String resourceName,
      String tenantId,
      long decisionRequirementsKey) {}

  static final SearchResource<DecisionRequirementsRecord, DecisionRequirementsResult> REQUIREMENTS =
      new SearchResource<>() {
        private final SearchSchema<DecisionRequirementsRecord> schema =
            SearchSchema.<DecisionRequirementsRecord>builder(
                    "decision-requirements",
                    Comparator.comparingLong(DecisionRequirementsRecord::decisionRequirementsKey),
                    r -> Long.toString(r.decisionRequirementsKey()))
                .string("decisionRequirementsName", DecisionRequirementsRecord::name)
                .integer("version", DecisionRequirementsRecord::version)
                .string(
                    "decisionRequirementsId", DecisionRequirementsRecord::decisionRequirementsId)
                .string("tenantId", DecisionRequirementsRecord::tenantId)
                .key("decisionRequirementsKey", DecisionRequirementsRecord::decisionRequirementsKey)
                .string("resourceName", DecisionRequirementsRecord::resourceName)
                .sortable(
                    "decisionRequirementsKey",
                    "decisionRequirementsName",
                    "version",
                    "decisionRequirementsId",
                    "tenantId")
                .build();

        @Override
        public SearchSchema<DecisionRequirementsRecord> schema() {
          return schema;
        }

        @Override
        public Collection<DecisionRequirementsRecord> candidates(
            ReadModel readModel, JsonNode filter) {
          OptionalLong key = Searcher.pinnedKey(filter, "decisionRequirementsKey");
          return key.isPresent()
              ? readModel.decisionRequirements(key.getAsLong()).map(List::of).orElse(List.of())
              : readModel.decisionRequirements();
        }

        @Override
        public DecisionRequirementsResult render(DecisionRequirementsRecord r) {
          return requirements(r);
        }
      };

  static DecisionRequirementsResult requirements(DecisionRequirementsRecord r) {
    return new DecisionRequirementsResult(
        r.name(),
        r.version(),
        r.decisionRequirementsId(),
        r.resourceName(),
        r.tenantId(),
        r.decisionRequirementsKey());
  }

  // ------------------------------------------------------------------ decision instances

  /**
   * Camunda's DecisionInstanceResult (search) and DecisionInstanceGetQueryResult (get: with {@code
   * evaluatedInputs} and {@code matchedRules}).
   */
  public record DecisionInstanceResult(
      String decisionEvaluationInstanceKey,
      String state,
      String evaluationDate,
      String evaluationFailure,
      String decisionDefinitionId,
      String decisionDefinitionName,
      int decisionDefinitionVersion,
      String decisionDefinitionType,
      String result,
      String tenantId,
      long decisionEvaluationKey,
      long processDefinitionKey,
      long processInstanceKey,
      long decisionDefinitionKey,
      long elementInstanceKey,
      List<EvaluatedInputItem> evaluatedInputs,
      List<MatchedRuleItem> matchedRules) {}

  public record EvaluatedInputItem(String inputId, String inputName, String inputValue) {}

  public record EvaluatedOutputItem(String outputId, String outputName, String outputValue) {}

  public record MatchedRuleItem(
      String ruleId, int ruleIndex, List<EvaluatedOutputItem> evaluatedOutputs) {}

  static final SearchResource<DecisionInstanceRecord, DecisionInstanceResult> INSTANCES =
      new SearchResource<>() {
        private final SearchSchema<DecisionInstanceRecord> schema =
            SearchSchema.<DecisionInstanceRecord>builder(
                    "decision-instances",
                    Comparator.comparingLong(DecisionInstanceRecord::decisionEvaluationKey)
                        .thenComparing(DecisionInstanceRecord::id),
                    DecisionInstanceRecord::id)
                .string("decisionEvaluationInstanceKey", DecisionInstanceRecord::id)
                .string("state", DecisionInstanceRecord::state)
                .string("evaluationFailure", DecisionInstanceRecord::evaluationFailure)
                .date("evaluationDate", DecisionInstanceRecord::evaluationDate)
                .string("decisionDefinitionId", DecisionInstanceRecord::decisionDefinitionId)
                .string("decisionDefinitionName", DecisionInstanceRecord::decisionDefinitionName)
                .integer(
                    "decisionDefinitionVersion", DecisionInstanceRecord::decisionDefinitionVersion)
                .string("decisionDefinitionType", DecisionInstanceRecord::decisionDefinitionType)
                .string("tenantId", DecisionInstanceRecord::tenantId)
                .key("decisionEvaluationKey", DecisionInstanceRecord::decisionEvaluationKey)
                .key("processDefinitionKey", DecisionInstanceRecord::processDefinitionKey)
                .key("processInstanceKey", DecisionInstanceRecord::processInstanceKey)
                .key("decisionDefinitionKey", DecisionInstanceRecord::decisionDefinitionKey)
                .key("elementInstanceKey", DecisionInstanceRecord::elementInstanceKey)
                .sortable(
                    "decisionDefinitionId",
                    "decisionDefinitionKey",
                    "decisionDefinitionName",
                    "decisionDefinitionType",
                    "decisionDefinitionVersion",
                    "decisionEvaluationInstanceKey",
                    "decisionEvaluationKey",
                    "elementInstanceKey",
                    "evaluationDate",
                    "evaluationFailure",
                    "processDefinitionKey",
                    "processInstanceKey",
                    "state",
                    "tenantId")
                .build();

        @Override
        public SearchSchema<DecisionInstanceRecord> schema() {
          return schema;
        }

        @Override
        public Collection<DecisionInstanceRecord> candidates(ReadModel readModel, JsonNode filter) {
          return readModel.decisionInstances();
        }

        @Override
        public DecisionInstanceResult render(DecisionInstanceRecord r) {
          return instance(r, false);
        }
      };

  static DecisionInstanceResult instance(DecisionInstanceRecord r, boolean details) {
    return new DecisionInstanceResult(
        r.id(),
        r.state().name(),
        WebJson.formatDate(r.evaluationDate()),
        r.evaluationFailure(),
        r.decisionDefinitionId(),
        r.decisionDefinitionName(),
        r.decisionDefinitionVersion(),
        r.decisionDefinitionType(),
        r.result(),
        r.tenantId(),
        r.decisionEvaluationKey(),
        r.processDefinitionKey(),
        r.processInstanceKey(),
        r.decisionDefinitionKey(),
        r.elementInstanceKey(),
        details ? inputs(r.evaluatedInputs()) : null,
        details ? rules(r.matchedRules()) : null);
  }

  static List<EvaluatedInputItem> inputs(List<DecisionOutcome.EvaluatedInput> inputs) {
    return inputs.stream()
        .map(i -> new EvaluatedInputItem(i.inputId(), i.inputName(), i.value()))
        .toList();
  }

  static List<MatchedRuleItem> rules(List<DecisionOutcome.MatchedRule> rules) {
    return rules.stream()
        .map(
            rule ->
                new MatchedRuleItem(
                    rule.ruleId(),
                    rule.ruleIndex(),
                    rule.outputs().stream()
                        .map(o -> new EvaluatedOutputItem(o.outputId(), o.outputName(), o.value()))
                        .toList()))
        .toList();
  }
}
