package io.civicflow.engine.processing;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.model.FormLink;
import io.civicflow.engine.state.DeployedDecision;
import io.civicflow.engine.state.DeployedProcess;
import io.civicflow.engine.state.DeployedResource;
import io.civicflow.engine.state.EngineState;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a linked form or called decision with Camunda's binding types: {@code latest} (the
 * latest version when the element activates), {@code deployment} (the version deployed together
 * with the instance's process version) and {@code versionTag} (the latest version with that tag).
 */
final class LinkedResources {

  private LinkedResources() {}

  static Optional<DeployedResource> form(
      EngineState state, FormLink link, long processDefinitionKey, String versionTag) {
    String formId = link.formId();
    return switch (link.binding()) {
      case LATEST ->
          state.latestResource(
              state.tenantOf(processDefinitionKey), DeploymentProcessor.KIND_FORM, formId);
      case DEPLOYMENT ->
          deploymentOf(state, processDefinitionKey)
              .flatMap(
                  deploymentKey -> {
                    List<DeployedResource> versions =
                        state.resourceVersions(DeploymentProcessor.KIND_FORM, formId);
                    Optional<Long> key =
                        state
                            .humanTasks()
                            .deployedWith(deploymentKey, DeploymentProcessor.KIND_FORM, formId);
                    return versions.stream()
                        .filter(
                            f ->
                                key.isPresent()
                                    ? f.key() == key.get()
                                    : f.deploymentKey() == deploymentKey)
                        .reduce((a, b) -> b);
                  });
      case VERSION_TAG ->
          state.resourceVersions(DeploymentProcessor.KIND_FORM, formId).stream()
              .filter(
                  f ->
                      state
                          .tenantOf(processDefinitionKey)
                          .equals(io.civicflow.engine.api.Commands.tenantOrDefault(f.tenantId())))
              .filter(f -> versionTag.equals(formVersionTag(f.content())))
              .reduce((a, b) -> b);
    };
  }

  static Optional<DeployedDecision> decision(
      EngineState state,
      String decisionId,
      FormLink.Binding binding,
      String versionTag,
      long processDefinitionKey) {
    return switch (binding) {
      case LATEST ->
          state.humanTasks().latestDecision(state.tenantOf(processDefinitionKey), decisionId);
      case DEPLOYMENT ->
          deploymentOf(state, processDefinitionKey)
              .flatMap(
                  deploymentKey ->
                      state
                          .humanTasks()
                          .deployedWith(deploymentKey, DecisionDeployer.KIND_DECISION, decisionId)
                          .flatMap(key -> state.humanTasks().decision(key))
                          .or(
                              () ->
                                  state.humanTasks().decisionVersions(decisionId).stream()
                                      .filter(d -> d.deploymentKey() == deploymentKey)
                                      .reduce((a, b) -> b)));
      case VERSION_TAG ->
          state
              .humanTasks()
              .decisionVersions(state.tenantOf(processDefinitionKey), decisionId)
              .stream()
              .filter(d -> versionTag.equals(d.versionTag()))
              .reduce((a, b) -> b);
    };
  }

  /** The deployed graph (XML) a decision belongs to. */
  static Optional<DeployedResource> requirementsOf(EngineState state, DeployedDecision decision) {
    return state
        .resourceVersions(DecisionDeployer.KIND_DRG, decision.decisionRequirementsId())
        .stream()
        .filter(r -> r.key() == decision.decisionRequirementsKey())
        .findFirst();
  }

  static Optional<Long> deploymentOf(EngineState state, long processDefinitionKey) {
    return state.process(processDefinitionKey).map(DeployedProcess::deploymentKey);
  }

  /** A Camunda form's {@code versionTag} property, if it has one. */
  static String formVersionTag(String schema) {
    try {
      JsonNode tag = Json.VALUES.readTree(schema).get("versionTag");
      return tag == null || !tag.isTextual() ? null : tag.asText();
    } catch (IOException e) {
      return null;
    }
  }
}
