package io.civicflow.engine.processing;

import io.civicflow.engine.api.Results.DeployedDecision;
import io.civicflow.engine.api.Results.DeployedDecisionRequirements;
import io.civicflow.engine.api.Results.DeployedResource;
import io.civicflow.engine.dmn.DecisionEngine;
import io.civicflow.engine.dmn.DecisionRequirements;
import io.civicflow.engine.event.EngineEvent.DecisionDeployed;
import io.civicflow.engine.event.EngineEvent.ResourceDeployed;
import io.civicflow.engine.model.InvalidModelException;
import io.civicflow.engine.state.EngineState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deploys DMN resources as Zeebe does: the decision requirements graph (DRG, the {@code
 * definitions} element) is versioned by its id, each decision by its own id. A DRG whose content is
 * unchanged since its latest version keeps that version and its decisions; changed content makes a
 * new DRG version and a new version of every decision in it.
 */
final class DecisionDeployer {

  /** The kind under which a DRG's XML is stored as a resource. */
  static final String KIND_DRG = "decision-requirements";

  static final String KIND_DECISION = "decision";

  private final DecisionEngine decisions;

  /** Graphs parsed while validating a deployment, by checksum, used when it is written. */
  private final Map<String, DecisionRequirements> parsed = new ConcurrentHashMap<>();

  DecisionDeployer(DecisionEngine decisions) {
    this.decisions = decisions;
  }

  /** Validates a DMN resource; answers the DRG id it declares. */
  String prepare(String resourceName, byte[] xml, String checksum) throws InvalidModelException {
    DecisionRequirements drg = decisions.parse(resourceName, xml);
    parsed.put(checksum, drg);
    return drg.id();
  }

  /** Writes the DRG and its decisions (or answers the unchanged latest version). */
  List<DeployedResource> deploy(
      ProcessingContext ctx,
      long deploymentKey,
      String tenantId,
      String resourceName,
      String checksum,
      String xml) {
    DecisionRequirements drg =
        parsed.get(checksum); // kept: the same file may appear twice in a deployment
    EngineState state = ctx.state();
    Optional<io.civicflow.engine.state.DeployedResource> latest =
        state.latestResource(tenantId, KIND_DRG, drg.id());
    List<DeployedResource> result = new ArrayList<>();
    if (latest.isPresent() && latest.get().checksum().equals(checksum)) {
      io.civicflow.engine.state.DeployedResource existing = latest.get();
      result.add(
          new DeployedDecisionRequirements(
              existing.id(),
              drg.name(),
              existing.version(),
              existing.key(),
              existing.resourceName(),
              existing.tenantId()));
      // in the order the file declares them, as a first deployment answers them
      List<String> declared =
          drg.decisions().stream().map(DecisionRequirements.Decision::id).toList();
      List<io.civicflow.engine.state.DeployedDecision> deployed =
          new ArrayList<>(state.humanTasks().decisionsOf(existing.key()));
      deployed.sort(java.util.Comparator.comparingInt(d -> declared.indexOf(d.decisionId())));
      for (io.civicflow.engine.state.DeployedDecision d : deployed) {
        result.add(
            new DeployedDecision(
                d.decisionId(),
                d.name(),
                d.version(),
                d.key(),
                d.decisionRequirementsId(),
                d.decisionRequirementsKey(),
                d.resourceName(),
                d.tenantId()));
      }
      return result;
    }
    int version = latest.map(r -> r.version() + 1).orElse(1);
    long drgKey = ctx.nextKey();
    ctx.write(
        new ResourceDeployed(
            deploymentKey,
            KIND_DRG,
            drgKey,
            drg.id(),
            version,
            resourceName,
            checksum,
            xml,
            tenantId));
    result.add(
        new DeployedDecisionRequirements(
            drg.id(), drg.name(), version, drgKey, resourceName, tenantId));
    for (DecisionRequirements.Decision decision : drg.decisions()) {
      int decisionVersion =
          state
              .humanTasks()
              .latestDecision(tenantId, decision.id())
              .map(d -> d.version() + 1)
              .orElse(1);
      long key = ctx.nextKey();
      ctx.write(
          new DecisionDeployed(
              key,
              decision.id(),
              decision.name(),
              decisionVersion,
              decision.versionTag(),
              decision.type(),
              drgKey,
              drg.id(),
              deploymentKey,
              resourceName,
              tenantId));
      result.add(
          new DeployedDecision(
              decision.id(),
              decision.name(),
              decisionVersion,
              key,
              drg.id(),
              drgKey,
              resourceName,
              tenantId));
    }
    return result;
  }
}
