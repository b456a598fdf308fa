package io.civicflow.engine.query;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.IncidentCreated;
import io.civicflow.engine.event.EngineEvent.IncidentResolved;
import io.civicflow.engine.query.Records.ElementInstanceRecord;
import io.civicflow.engine.query.Records.IncidentRecord;
import io.civicflow.engine.query.Records.IncidentState;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The incidents of the read model (resolved ones included), fed by {@link ReadModelProjection}; an
 * incident marks its element instance, and its process instance while it has any open incident.
 */
final class IncidentProjection {

  private final InstanceProjection instances;
  private final InstanceKeyedRecords<Long, IncidentRecord> incidents =
      new InstanceKeyedRecords<>(IncidentRecord::processInstanceKey);
  private final Map<Long, Integer> openIncidentsByProcess = new ConcurrentHashMap<>();

  IncidentProjection(InstanceProjection instances) {
    this.instances = instances;
  }

  /** Answers whether the event was an incident event. */
  boolean apply(EngineEvent event, long time) {
    if (event instanceof IncidentCreated e) {
      created(e, time);
    } else if (event instanceof IncidentResolved e) {
      resolved(e);
    } else {
      return false;
    }
    return true;
  }

  /** A migrated incident reports its new definition and element. */
  void migrated(long key, long processDefinitionKey, String bpmnProcessId, String elementId) {
    incidents.computeIfPresent(
        key,
        (k, i) ->
            new IncidentRecord(
                i.incidentKey(),
                bpmnProcessId,
                processDefinitionKey,
                i.processInstanceKey(),
                i.errorType(),
                i.errorMessage(),
                elementId,
                i.elementInstanceKey(),
                i.jobKey(),
                i.creationTime(),
                i.state(),
                i.tenantId()));
  }

  private void created(IncidentCreated e, long time) {
    ElementInstanceRecord element = instances.elementInstanceOrNull(e.elementInstanceKey());
    incidents.put(
        e.key(),
        new IncidentRecord(
            e.key(),
            element.bpmnProcessId(),
            element.processDefinitionKey(),
            e.processInstanceKey(),
            e.errorType(),
            e.errorMessage(),
            element.elementId(),
            e.elementInstanceKey(),
            e.jobKey(),
            time,
            IncidentState.ACTIVE,
            element.tenantId()));
    instances.markIncident(e.elementInstanceKey(), e.key(), true);
    if (openIncidentsByProcess.merge(e.processInstanceKey(), 1, Integer::sum) == 1) {
      instances.markProcessIncident(e.processInstanceKey(), true);
    }
  }

  private void resolved(IncidentResolved e) {
    IncidentRecord incident =
        incidents.computeIfPresent(
            e.key(),
            (k, i) ->
                new IncidentRecord(
                    i.incidentKey(),
                    i.bpmnProcessId(),
                    i.processDefinitionKey(),
                    i.processInstanceKey(),
                    i.errorType(),
                    i.errorMessage(),
                    i.elementId(),
                    i.elementInstanceKey(),
                    i.jobKey(),
                    i.creationTime(),
                    IncidentState.RESOLVED,
                    i.tenantId()));
    if (incident == null) {
      return;
    }
    instances.markIncident(incident.elementInstanceKey(), null, false);
    Integer open =
        openIncidentsByProcess.computeIfPresent(
            incident.processInstanceKey(), (k, n) -> n > 1 ? n - 1 : null);
    if (open == null) {
      instances.markProcessIncident(incident.processInstanceKey(), false);
    }
  }

  /** {@link HistoryExport.Holder#history}. */
  void history(java.util.Set<Long> keys, HistoryExport.HistoryOut out) {
    incidents.history(
        io.civicflow.engine.history.HistoryKind.INCIDENT, IncidentRecord::incidentKey, keys, out);
  }

  /** {@link HistoryExport.Holder#evict}. */
  void evict(java.util.Set<Long> keys) {
    incidents.evict(keys);
    keys.forEach(openIncidentsByProcess::remove);
  }

  void clear() {
    incidents.clear();
    openIncidentsByProcess.clear();
  }

  List<IncidentRecord> image() {
    return ReadModelImage.sorted(incidents.values(), IncidentRecord::incidentKey);
  }

  Map<Long, Integer> openByProcessImage() {
    return new TreeMap<>(openIncidentsByProcess);
  }

  void restore(List<IncidentRecord> image, Map<Long, Integer> openByProcess) {
    image.forEach(r -> incidents.put(r.incidentKey(), r));
    openIncidentsByProcess.putAll(openByProcess);
  }

  Collection<IncidentRecord> all() {
    return incidents.values();
  }

  Optional<IncidentRecord> get(long key) {
    return Optional.ofNullable(incidents.get(key));
  }

  /** How many records the history export's per-instance lookups looked at (for tests). */
  long historyVisits() {
    return incidents.visited();
  }
}
