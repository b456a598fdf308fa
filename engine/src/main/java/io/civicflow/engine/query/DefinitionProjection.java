package io.civicflow.engine.query;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.ResourceDeployed;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.query.Records.FormRecord;
import io.civicflow.engine.query.Records.ProcessDefinitionRecord;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * The deployed process definitions and forms of the read model, fed by {@link ReadModelProjection};
 * decisions have their own {@link DecisionProjection}.
 */
final class DefinitionProjection {

  private final LongFunction<ExecutableProcess> processes;
  private final Map<Long, ProcessDefinitionRecord> definitions = new ConcurrentHashMap<>();
  private final Map<Long, FormRecord> forms = new ConcurrentHashMap<>();

  DefinitionProjection(LongFunction<ExecutableProcess> processes) {
    this.processes = processes;
  }

  /** Answers whether the event was a deployed resource (processes and forms are kept). */
  boolean apply(EngineEvent event) {
    if (event instanceof ResourceDeployed e) {
      deployed(e);
      return true;
    }
    if (event instanceof EngineEvent.ResourceDeleted e) {
      // a deleted definition is no longer found; the instances that ran on it keep their history
      definitions.remove(e.key());
      forms.remove(e.key());
      return true;
    }
    return false;
  }

  private void deployed(ResourceDeployed e) {
    if ("process".equals(e.kind())) {
      ExecutableProcess process = processes.apply(e.key());
      definitions.put(
          e.key(),
          new ProcessDefinitionRecord(
              e.key(),
              e.id(),
              process.name() == null ? e.id() : process.name(),
              e.version(),
              process.versionTag(),
              e.resourceName(),
              e.tenantId(),
              e.deploymentKey(),
              process.root().noneStartEvent() != null
                  && process.root().noneStartEvent().startForm() != null,
              e.content()));
    } else if ("form".equals(e.kind())) {
      forms.put(
          e.key(),
          new FormRecord(
              e.key(),
              e.id(),
              e.version(),
              e.content(),
              e.resourceName(),
              e.tenantId(),
              e.deploymentKey()));
    }
  }

  void clear() {
    definitions.clear();
    forms.clear();
  }

  List<ProcessDefinitionRecord> definitionsImage() {
    return ReadModelImage.sorted(
        definitions.values(), ProcessDefinitionRecord::processDefinitionKey);
  }

  List<FormRecord> formsImage() {
    return ReadModelImage.sorted(forms.values(), FormRecord::formKey);
  }

  void restore(List<ProcessDefinitionRecord> definitionsImage, List<FormRecord> formsImage) {
    definitionsImage.forEach(r -> definitions.put(r.processDefinitionKey(), r));
    formsImage.forEach(r -> forms.put(r.formKey(), r));
  }

  /** The process definition with this key, or {@code null}. */
  ProcessDefinitionRecord definitionOrNull(long key) {
    return definitions.get(key);
  }

  Collection<ProcessDefinitionRecord> definitions() {
    return Collections.unmodifiableCollection(definitions.values());
  }

  Collection<FormRecord> forms() {
    return Collections.unmodifiableCollection(forms.values());
  }

  Optional<FormRecord> form(long key) {
    return Optional.ofNullable(forms.get(key));
  }

  /** Resolves the start form like a user task's: latest, deployed together, or by version tag. */
  Optional<FormRecord> startForm(long processDefinitionKey) {
    ExecutableProcess process = processes.apply(processDefinitionKey);
    ProcessDefinitionRecord definition = definitions.get(processDefinitionKey);
    if (process == null || definition == null || process.root().noneStartEvent() == null) {
      return Optional.empty();
    }
    io.civicflow.engine.model.FormLink link = process.root().noneStartEvent().startForm();
    if (link == null || !link.isLinked()) {
      return Optional.empty();
    }
    java.util.stream.Stream<FormRecord> candidates =
        forms.values().stream().filter(f -> f.formId().equals(link.formId()));
    if (link.binding() == io.civicflow.engine.model.FormLink.Binding.DEPLOYMENT) {
      candidates = candidates.filter(f -> f.deploymentKey() == definition.deploymentKey());
    } else if (link.binding() == io.civicflow.engine.model.FormLink.Binding.VERSION_TAG) {
      candidates = candidates.filter(f -> link.versionTag().equals(formVersionTag(f.schema())));
    }
    return candidates.max(java.util.Comparator.comparingInt(FormRecord::version));
  }

  private static String formVersionTag(String schema) {
    try {
      com.fasterxml.jackson.databind.JsonNode tag =
          io.civicflow.engine.json.Json.VALUES.readTree(schema).get("versionTag");
      return tag == null || !tag.isTextual() ? null : tag.asText();
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
