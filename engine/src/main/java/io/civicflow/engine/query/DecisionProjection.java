package io.civicflow.engine.query;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.DecisionDeployed;
import io.civicflow.engine.event.EngineEvent.DecisionEvaluated;
import io.civicflow.engine.event.EngineEvent.EvaluatedDecision;
import io.civicflow.engine.event.EngineEvent.ResourceDeployed;
import io.civicflow.engine.query.Records.DecisionDefinitionRecord;
import io.civicflow.engine.query.Records.DecisionInstanceRecord;
import io.civicflow.engine.query.Records.DecisionInstanceState;
import io.civicflow.engine.query.Records.DecisionRequirementsRecord;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decision definitions, decision requirements graphs and decision instances of the read model. One
 * evaluation makes one instance per evaluated decision ({@code "<evaluationKey>-<n>"}, required
 * decisions first); a failed evaluation marks the decision that failed as FAILED.
 */
final class DecisionProjection {

  static final String KIND_DRG = "decision-requirements";

  private final Map<Long, DecisionDefinitionRecord> definitions = new ConcurrentHashMap<>();
  private final Map<Long, DecisionRequirementsRecord> requirements = new ConcurrentHashMap<>();
  private final InstanceKeyedRecords<String, DecisionInstanceRecord> instances =
      new InstanceKeyedRecords<>(DecisionInstanceRecord::processInstanceKey);

  /** Standalone evaluations (not in a process instance) not yet exported: writer thread only. */
  private final java.util.Set<String> standaloneEnded = new java.util.LinkedHashSet<>();

  /** Answers whether the event was a decision event. */
  boolean apply(EngineEvent event, long time) {
    if (event instanceof DecisionDeployed e) {
      definitions.put(
          e.key(),
          new DecisionDefinitionRecord(
              e.key(),
              e.decisionId(),
              e.name(),
              e.version(),
              e.versionTag(),
              e.decisionType(),
              e.decisionRequirementsKey(),
              e.decisionRequirementsId(),
              e.tenantId()));
    } else if (event instanceof ResourceDeployed e && KIND_DRG.equals(e.kind())) {
      requirements.put(
          e.key(),
          new DecisionRequirementsRecord(
              e.key(),
              e.id(),
              drgName(e),
              e.version(),
              e.resourceName(),
              e.tenantId(),
              e.content()));
    } else if (event instanceof EngineEvent.ResourceDeleted e && KIND_DRG.equals(e.kind())) {
      // the graph and its decisions are no longer found; their decision instances stay
      requirements.remove(e.key());
      definitions.values().removeIf(d -> d.decisionRequirementsKey() == e.key());
      return true;
    } else if (event instanceof DecisionEvaluated e) {
      evaluated(e, time);
    } else {
      return false;
    }
    return true;
  }

  private void evaluated(DecisionEvaluated e, long time) {
    List<EvaluatedDecision> evaluated = e.evaluatedDecisions();
    int n = 0;
    boolean failedListed = false;
    for (EvaluatedDecision d : evaluated) {
      n++;
      boolean failed = e.failureMessage() != null && d.decisionId().equals(e.failedDecisionId());
      failedListed |= failed;
      put(
          e,
          n,
          time,
          d.decisionKey(),
          d.decisionId(),
          d.decisionName(),
          d.decisionVersion(),
          d.decisionType(),
          failed ? "null" : d.output(),
          failed,
          d.inputs(),
          d.matchedRules());
    }
    if (e.failureMessage() != null && !failedListed) {
      DecisionDefinitionRecord failed =
          definitions.values().stream()
              .filter(
                  d ->
                      d.decisionRequirementsKey() == e.decisionRequirementsKey()
                          && d.decisionDefinitionId().equals(e.failedDecisionId()))
              .findFirst()
              .orElse(
                  new DecisionDefinitionRecord(
                      e.decisionKey(),
                      e.decisionId(),
                      e.decisionName(),
                      e.decisionVersion(),
                      null,
                      e.decisionType(),
                      e.decisionRequirementsKey(),
                      e.decisionRequirementsId(),
                      e.tenantId()));
      put(
          e,
          n + 1,
          time,
          failed.decisionDefinitionKey(),
          failed.decisionDefinitionId(),
          failed.name(),
          failed.version(),
          failed.decisionType(),
          "null",
          true,
          List.of(),
          List.of());
    }
  }

  private void put(
      DecisionEvaluated e,
      int n,
      long time,
      long key,
      String id,
      String name,
      int version,
      String type,
      String result,
      boolean failed,
      List<io.civicflow.engine.dmn.DecisionOutcome.EvaluatedInput> inputs,
      List<io.civicflow.engine.dmn.DecisionOutcome.MatchedRule> rules) {
    String instanceId = e.key() + "-" + n;
    if (e.processInstanceKey() < 0) {
      standaloneEnded.add(instanceId);
    }
    instances.put(
        instanceId,
        new DecisionInstanceRecord(
            instanceId,
            e.key(),
            failed ? DecisionInstanceState.FAILED : DecisionInstanceState.EVALUATED,
            time,
            failed ? e.failureMessage() : null,
            key,
            id,
            name,
            version,
            type,
            result,
            e.tenantId(),
            e.processDefinitionKey(),
            e.processInstanceKey(),
            e.elementInstanceKey(),
            e.decisionKey(),
            inputs == null ? List.of() : inputs,
            rules == null ? List.of() : rules));
  }

  /** The {@code name} attribute of the DRG's definitions element (the id when it has none). */
  private static String drgName(ResourceDeployed e) {
    try {
      String name =
          org.camunda.bpm.model.dmn.Dmn.readModelFromStream(
                  new java.io.ByteArrayInputStream(
                      e.content().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
              .getDefinitions()
              .getName();
      return name == null || name.isBlank() ? e.id() : name;
    } catch (RuntimeException unreadable) {
      return e.id();
    }
  }

  /** {@link HistoryExport.Holder#history}: decisions evaluated by these instances. */
  void history(java.util.Set<Long> keys, HistoryExport.HistoryOut out) {
    instances.history(
        io.civicflow.engine.history.HistoryKind.DECISION_INSTANCE,
        DecisionInstanceRecord::id,
        keys,
        out);
  }

  /** {@link HistoryExport.Holder#evict}. */
  void evict(java.util.Set<Long> keys) {
    instances.evict(keys);
  }

  /**
   * {@link HistoryExport.Standalone}: a standalone evaluation ends when it is evaluated, and goes
   * to the history store with the batch it was evaluated in.
   */
  HistoryExport.Standalone standalone() {
    return new HistoryExport.Standalone() {
      @Override
      public boolean hasEnded() {
        return !standaloneEnded.isEmpty();
      }

      @Override
      public void ended(HistoryExport.EndedOut out) {
        for (String id : standaloneEnded) {
          DecisionInstanceRecord r = instances.get(id);
          if (r != null) {
            out.add(
                io.civicflow.engine.history.HistoryKind.DECISION_INSTANCE,
                id,
                r.processInstanceKey(),
                r.decisionEvaluationKey(),
                r.evaluationDate(),
                r);
          }
        }
      }

      @Override
      public void evictEnded() {
        standaloneEnded.forEach(instances::remove);
        standaloneEnded.clear();
      }
    };
  }

  void clear() {
    definitions.clear();
    requirements.clear();
    instances.clear();
    standaloneEnded.clear();
  }

  List<DecisionDefinitionRecord> definitionsImage() {
    return ReadModelImage.sorted(
        definitions.values(), DecisionDefinitionRecord::decisionDefinitionKey);
  }

  List<DecisionRequirementsRecord> requirementsImage() {
    return ReadModelImage.sorted(
        requirements.values(), DecisionRequirementsRecord::decisionRequirementsKey);
  }

  List<DecisionInstanceRecord> instancesImage() {
    return List.copyOf(new java.util.TreeMap<>(instances.asMap()).values());
  }

  void restore(
      List<DecisionDefinitionRecord> definitionImage,
      List<DecisionRequirementsRecord> requirementImage,
      List<DecisionInstanceRecord> instanceImage) {
    clear();
    definitionImage.forEach(r -> definitions.put(r.decisionDefinitionKey(), r));
    requirementImage.forEach(r -> requirements.put(r.decisionRequirementsKey(), r));
    instanceImage.forEach(r -> instances.put(r.id(), r));
    instanceImage.stream()
        .filter(r -> r.processInstanceKey() < 0)
        .forEach(r -> standaloneEnded.add(r.id()));
  }

  Collection<DecisionDefinitionRecord> definitions() {
    return Collections.unmodifiableCollection(definitions.values());
  }

  Optional<DecisionDefinitionRecord> definition(long key) {
    return Optional.ofNullable(definitions.get(key));
  }

  Collection<DecisionRequirementsRecord> requirements() {
    return Collections.unmodifiableCollection(requirements.values());
  }

  Optional<DecisionRequirementsRecord> requirements(long key) {
    return Optional.ofNullable(requirements.get(key));
  }

  Collection<DecisionInstanceRecord> instances() {
    return instances.values();
  }

  Optional<DecisionInstanceRecord> instance(String id) {
    return Optional.ofNullable(instances.get(id));
  }

  /** How many records the history export's per-instance lookups looked at (for tests). */
  long historyVisits() {
    return instances.visited();
  }
}
