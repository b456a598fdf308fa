package io.civicflow.engine.query;

import io.civicflow.engine.api.Commands;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.ElementActivating;
import io.civicflow.engine.event.EngineEvent.ElementCompleted;
import io.civicflow.engine.event.EngineEvent.ElementTerminated;
import io.civicflow.engine.event.EngineEvent.SequenceFlowTaken;
import io.civicflow.engine.event.EngineEvent.VariableCreated;
import io.civicflow.engine.event.EngineEvent.VariableUpdated;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.query.Records.ElementInstanceRecord;
import io.civicflow.engine.query.Records.ElementInstanceState;
import io.civicflow.engine.query.Records.ProcessDefinitionRecord;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import io.civicflow.engine.query.Records.SequenceFlowRecord;
import io.civicflow.engine.query.Records.VariableRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The process and element instances of the read model (history included), with their variables and
 * the sequence flows taken, fed by {@link ReadModelProjection}. Element instances are numbered in
 * the order they were activated ({@code position}).
 */
final class InstanceProjection {

  private final LongFunction<ExecutableProcess> processes;
  private final LongFunction<ProcessDefinitionRecord> definitions;
  private final Map<Long, ProcessInstanceRecord> processInstances = new ConcurrentHashMap<>();
  private final Map<Long, ElementInstanceRecord> elementInstances = new ConcurrentHashMap<>();
  private final Map<Long, List<Long>> elementInstancesByProcess = new ConcurrentHashMap<>();
  private final Map<Long, VariableRecord> variables = new ConcurrentHashMap<>();
  private final Map<Long, List<Long>> variablesByProcess = new ConcurrentHashMap<>();
  private final Map<Long, List<SequenceFlowRecord>> sequenceFlows = new ConcurrentHashMap<>();
  private final AtomicLong position = new AtomicLong();

  InstanceProjection(
      LongFunction<ExecutableProcess> processes,
      LongFunction<ProcessDefinitionRecord> definitions) {
    this.processes = processes;
    this.definitions = definitions;
  }

  /** The tenant of a deployed process (its instances, elements and variables are that tenant's). */
  private String tenantOfDefinition(long processDefinitionKey) {
    ProcessDefinitionRecord definition = definitions.apply(processDefinitionKey);
    return definition == null ? Commands.DEFAULT_TENANT : definition.tenantId();
  }

  /** A variable as created or last updated, in its process instance's tenant. */
  private void putVariable(
      long key, String name, String value, long scopeKey, long processInstanceKey) {
    variables.put(
        key,
        new VariableRecord(
            key, name, value, scopeKey, processInstanceKey, tenantOfInstance(processInstanceKey)));
  }

  private String tenantOfInstance(long processInstanceKey) {
    ProcessInstanceRecord instance = processInstances.get(processInstanceKey);
    return instance == null ? Commands.DEFAULT_TENANT : instance.tenantId();
  }

  /** Answers whether the event was an element instance, sequence flow or variable event. */
  boolean apply(EngineEvent event, long time) {
    if (event instanceof ElementActivating e) {
      activating(e, time);
    } else if (event instanceof ElementCompleted e) {
      ended(e.key(), ElementInstanceState.COMPLETED, time);
    } else if (event instanceof ElementTerminated e) {
      ended(e.key(), ElementInstanceState.TERMINATED, time);
    } else if (event instanceof SequenceFlowTaken e) {
      ExecutableProcess process = processes.apply(e.processDefinitionKey());
      sequenceFlows
          .computeIfAbsent(e.processInstanceKey(), k -> new CopyOnWriteArrayList<>())
          .add(
              new SequenceFlowRecord(
                  e.processInstanceKey(),
                  e.processDefinitionKey(),
                  process.bpmnProcessId(),
                  e.flowId(),
                  tenantOfDefinition(e.processDefinitionKey())));
    } else if (event instanceof VariableCreated e) {
      putVariable(e.key(), e.name(), e.value(), e.scopeKey(), e.processInstanceKey());
      variablesByProcess
          .computeIfAbsent(e.processInstanceKey(), k -> new CopyOnWriteArrayList<>())
          .add(e.key());
    } else if (event instanceof VariableUpdated e) {
      putVariable(e.key(), e.name(), e.value(), e.scopeKey(), e.processInstanceKey());
    } else {
      return false;
    }
    return true;
  }

  private void activating(ElementActivating e, long time) {
    ExecutableProcess process = processes.apply(e.processDefinitionKey());
    ExecutableElement element = process.element(e.elementId());
    if (e.flowScopeKey() < 0) {
      ProcessDefinitionRecord definition = definitions.apply(e.processDefinitionKey());
      processInstances.put(
          e.key(),
          new ProcessInstanceRecord(
              e.key(),
              e.processDefinitionKey(),
              process.bpmnProcessId(),
              process.name() == null ? process.bpmnProcessId() : process.name(),
              definition == null ? 0 : definition.version(),
              process.versionTag(),
              time,
              null,
              ProcessInstanceState.ACTIVE,
              false,
              definition == null ? Commands.DEFAULT_TENANT : definition.tenantId(),
              e.parentProcessInstanceKey(),
              e.parentElementInstanceKey(),
              e.tags() == null ? List.of() : e.tags()));
    }
    ElementKind kind = element.kind();
    elementInstances.put(
        e.key(),
        new ElementInstanceRecord(
            e.key(),
            e.processInstanceKey(),
            e.processDefinitionKey(),
            process.bpmnProcessId(),
            element.id(),
            element.name() == null ? element.id() : element.name(),
            kind.name(),
            ElementInstanceState.ACTIVE,
            time,
            null,
            false,
            null,
            tenantOfDefinition(e.processDefinitionKey()),
            e.flowScopeKey(),
            position.incrementAndGet()));
    elementInstancesByProcess
        .computeIfAbsent(e.processInstanceKey(), k -> new CopyOnWriteArrayList<>())
        .add(e.key());
  }

  private void ended(long key, ElementInstanceState state, long time) {
    ElementInstanceRecord ended =
        elementInstances.computeIfPresent(
            key,
            (k, r) ->
                new ElementInstanceRecord(
                    r.elementInstanceKey(),
                    r.processInstanceKey(),
                    r.processDefinitionKey(),
                    r.bpmnProcessId(),
                    r.elementId(),
                    r.elementName(),
                    r.type(),
                    state,
                    r.startDate(),
                    time,
                    r.hasIncident(),
                    r.incidentKey(),
                    r.tenantId(),
                    r.flowScopeKey(),
                    r.position()));
    if (ended != null && ended.flowScopeKey() < 0) {
      ProcessInstanceState piState =
          state == ElementInstanceState.COMPLETED
              ? ProcessInstanceState.COMPLETED
              : ProcessInstanceState.TERMINATED;
      processInstances.computeIfPresent(
          key,
          (k, p) ->
              new ProcessInstanceRecord(
                  p.processInstanceKey(),
                  p.processDefinitionKey(),
                  p.bpmnProcessId(),
                  p.processDefinitionName(),
                  p.processDefinitionVersion(),
                  p.processDefinitionVersionTag(),
                  p.startDate(),
                  time,
                  piState,
                  p.hasIncident(),
                  p.tenantId(),
                  p.parentProcessInstanceKey(),
                  p.parentElementInstanceKey(),
                  p.tags()));
    }
  }

  /** A migrated process instance runs on another definition from now on. */
  void migrated(long key, ExecutableProcess target, ProcessDefinitionRecord definition) {
    processInstances.computeIfPresent(
        key,
        (k, p) ->
            new ProcessInstanceRecord(
                p.processInstanceKey(),
                definition.processDefinitionKey(),
                target.bpmnProcessId(),
                target.name() == null ? target.bpmnProcessId() : target.name(),
                definition.version(),
                target.versionTag(),
                p.startDate(),
                p.endDate(),
                p.state(),
                p.hasIncident(),
                p.tenantId(),
                p.parentProcessInstanceKey(),
                p.parentElementInstanceKey(),
                p.tags()));
  }

  /** A migrated element instance continues as another element of the target definition. */
  void migratedElement(
      long key,
      ExecutableProcess target,
      ProcessDefinitionRecord definition,
      String elementId,
      String elementName) {
    elementInstances.computeIfPresent(
        key,
        (k, r) ->
            new ElementInstanceRecord(
                r.elementInstanceKey(),
                r.processInstanceKey(),
                definition.processDefinitionKey(),
                target.bpmnProcessId(),
                elementId,
                elementName,
                r.type(),
                r.state(),
                r.startDate(),
                r.endDate(),
                r.hasIncident(),
                r.incidentKey(),
                r.tenantId(),
                r.flowScopeKey(),
                r.position()));
  }

  /** Marks an element instance as having the incident, or none. */
  void markIncident(long elementInstanceKey, Long incidentKey, boolean hasIncident) {
    elementInstances.computeIfPresent(
        elementInstanceKey,
        (k, r) ->
            new ElementInstanceRecord(
                r.elementInstanceKey(),
                r.processInstanceKey(),
                r.processDefinitionKey(),
                r.bpmnProcessId(),
                r.elementId(),
                r.elementName(),
                r.type(),
                r.state(),
                r.startDate(),
                r.endDate(),
                hasIncident,
                incidentKey,
                r.tenantId(),
                r.flowScopeKey(),
                r.position()));
  }

  /** Marks a process instance as having incidents, or none. */
  void markProcessIncident(long processInstanceKey, boolean hasIncident) {
    processInstances.computeIfPresent(
        processInstanceKey,
        (k, p) ->
            new ProcessInstanceRecord(
                p.processInstanceKey(),
                p.processDefinitionKey(),
                p.bpmnProcessId(),
                p.processDefinitionName(),
                p.processDefinitionVersion(),
                p.processDefinitionVersionTag(),
                p.startDate(),
                p.endDate(),
                p.state(),
                hasIncident,
                p.tenantId(),
                p.parentProcessInstanceKey(),
                p.parentElementInstanceKey(),
                p.tags()));
  }

  /** {@link HistoryExport.Holder#history}: instances, element instances, variables, flows. */
  void history(java.util.Set<Long> keys, HistoryExport.HistoryOut out) {
    for (long pik : keys) {
      ProcessInstanceRecord p = processInstances.get(pik);
      if (p != null) {
        out.add(HistoryKind.PROCESS_INSTANCE, Long.toString(pik), pik, p);
      }
      for (ElementInstanceRecord r : elementInstancesOf(pik)) {
        out.add(HistoryKind.ELEMENT_INSTANCE, Long.toString(r.elementInstanceKey()), pik, r);
      }
      for (VariableRecord r : variablesOf(pik)) {
        out.add(HistoryKind.VARIABLE, Long.toString(r.variableKey()), pik, r);
      }
      List<SequenceFlowRecord> flows = sequenceFlowsOf(pik);
      for (int i = 0; i < flows.size(); i++) {
        out.add(HistoryKind.SEQUENCE_FLOW, pik + ":" + i, pik, flows.get(i));
      }
    }
  }

  /** {@link HistoryExport.Holder#evict}. */
  void evict(java.util.Set<Long> keys) {
    for (long pik : keys) {
      processInstances.remove(pik);
      List<Long> elements = elementInstancesByProcess.remove(pik);
      if (elements != null) {
        elements.forEach(elementInstances::remove);
      }
      List<Long> vars = variablesByProcess.remove(pik);
      if (vars != null) {
        vars.forEach(variables::remove);
      }
      sequenceFlows.remove(pik);
    }
  }

  void clear() {
    processInstances.clear();
    elementInstances.clear();
    elementInstancesByProcess.clear();
    variables.clear();
    variablesByProcess.clear();
    sequenceFlows.clear();
  }

  // ---------------------------------------------------------------- snapshots

  long position() {
    return position.get();
  }

  List<ProcessInstanceRecord> processInstancesImage() {
    return ReadModelImage.sorted(
        processInstances.values(), ProcessInstanceRecord::processInstanceKey);
  }

  List<ElementInstanceRecord> elementInstancesImage() {
    return ReadModelImage.sorted(
        elementInstances.values(), ElementInstanceRecord::elementInstanceKey);
  }

  Map<Long, List<Long>> elementInstancesByProcessImage() {
    return ReadModelImage.copyLists(elementInstancesByProcess);
  }

  List<VariableRecord> variablesImage() {
    return ReadModelImage.sorted(variables.values(), VariableRecord::variableKey);
  }

  Map<Long, List<Long>> variablesByProcessImage() {
    return ReadModelImage.copyLists(variablesByProcess);
  }

  Map<Long, List<SequenceFlowRecord>> sequenceFlowsImage() {
    return ReadModelImage.copyLists(sequenceFlows);
  }

  void restore(ReadModelImage image) {
    position.set(image.position());
    image.processInstances().forEach(r -> processInstances.put(r.processInstanceKey(), r));
    image.elementInstances().forEach(r -> elementInstances.put(r.elementInstanceKey(), r));
    image
        .elementInstancesByProcess()
        .forEach((k, v) -> elementInstancesByProcess.put(k, new CopyOnWriteArrayList<>(v)));
    image.variables().forEach(r -> variables.put(r.variableKey(), r));
    image
        .variablesByProcess()
        .forEach((k, v) -> variablesByProcess.put(k, new CopyOnWriteArrayList<>(v)));
    image.sequenceFlows().forEach((k, v) -> sequenceFlows.put(k, new CopyOnWriteArrayList<>(v)));
  }

  // ---------------------------------------------------------------- queries

  Collection<ProcessInstanceRecord> processInstances() {
    return Collections.unmodifiableCollection(processInstances.values());
  }

  Optional<ProcessInstanceRecord> processInstance(long key) {
    return Optional.ofNullable(processInstances.get(key));
  }

  Collection<ElementInstanceRecord> elementInstances() {
    return Collections.unmodifiableCollection(elementInstances.values());
  }

  List<ElementInstanceRecord> elementInstancesOf(long processInstanceKey) {
    return resolve(elementInstancesByProcess.get(processInstanceKey), elementInstances);
  }

  /** The element instance with this key, or {@code null}. */
  ElementInstanceRecord elementInstanceOrNull(long key) {
    return elementInstances.get(key);
  }

  Collection<VariableRecord> variables() {
    return Collections.unmodifiableCollection(variables.values());
  }

  List<VariableRecord> variablesOf(long processInstanceKey) {
    return resolve(variablesByProcess.get(processInstanceKey), variables);
  }

  Optional<VariableRecord> variable(long key) {
    return Optional.ofNullable(variables.get(key));
  }

  List<SequenceFlowRecord> sequenceFlowsOf(long processInstanceKey) {
    return List.copyOf(sequenceFlows.getOrDefault(processInstanceKey, List.of()));
  }

  private static <T> List<T> resolve(List<Long> keys, Map<Long, T> records) {
    if (keys == null) {
      return List.of();
    }
    List<T> result = new ArrayList<>(keys.size());
    for (Long key : keys) {
      T record = records.get(key);
      if (record != null) {
        result.add(record);
      }
    }
    return result;
  }
}
