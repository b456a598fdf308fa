package io.civicflow.engine.query;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.JobActivated;
import io.civicflow.engine.event.EngineEvent.JobCanceled;
import io.civicflow.engine.event.EngineEvent.JobCompleted;
import io.civicflow.engine.event.EngineEvent.JobCreated;
import io.civicflow.engine.event.EngineEvent.JobErrorThrown;
import io.civicflow.engine.event.EngineEvent.JobFailed;
import io.civicflow.engine.event.EngineEvent.JobRecurred;
import io.civicflow.engine.event.EngineEvent.JobRetriesUpdated;
import io.civicflow.engine.event.EngineEvent.JobTimedOut;
import io.civicflow.engine.event.EngineEvent.JobTimeoutUpdated;
import io.civicflow.engine.event.EngineEvent.JobYielded;
import io.civicflow.engine.query.Records.ElementInstanceRecord;
import io.civicflow.engine.query.Records.JobRecord;
import io.civicflow.engine.query.Records.JobState;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/** The jobs of the read model (history included), fed by {@link ReadModelProjection}. */
final class JobProjection {

  private final LongFunction<ElementInstanceRecord> elementInstances;
  private final InstanceKeyedRecords<Long, JobRecord> jobs =
      new InstanceKeyedRecords<>(JobRecord::processInstanceKey);

  JobProjection(LongFunction<ElementInstanceRecord> elementInstances) {
    this.elementInstances = elementInstances;
  }

  /** Answers whether the event was a job event. */
  boolean apply(EngineEvent event, long time) {
    if (event instanceof JobCreated e) {
      created(
          e.key(),
          e.type(),
          "BPMN_ELEMENT",
          "UNSPECIFIED",
          e.retries(),
          e.customHeaders(),
          e.elementInstanceKey(),
          e.processInstanceKey());
    } else if (event instanceof EngineEvent.ListenerJobCreated e) {
      created(
          e.key(),
          e.type(),
          e.kind(),
          e.listenerEventType(),
          e.retries(),
          e.customHeaders(),
          e.elementInstanceKey(),
          e.processInstanceKey());
    } else if (event instanceof JobActivated e) {
      update(
          e.key(),
          j ->
              with(
                  j,
                  JobState.CREATED,
                  j.retries(),
                  e.worker(),
                  e.deadline(),
                  j.errorMessage(),
                  j.errorCode(),
                  null));
    } else if (event instanceof JobCompleted e) {
      update(
          e.key(),
          j ->
              with(
                  j,
                  JobState.COMPLETED,
                  j.retries(),
                  j.worker(),
                  j.deadline(),
                  j.errorMessage(),
                  j.errorCode(),
                  time));
    } else if (event instanceof JobFailed e) {
      update(
          e.key(),
          j ->
              with(
                  j,
                  JobState.FAILED,
                  e.retries(),
                  j.worker(),
                  j.deadline(),
                  e.errorMessage(),
                  j.errorCode(),
                  null));
    } else if (event instanceof JobRecurred e) {
      update(
          e.key(),
          j ->
              with(
                  j,
                  JobState.FAILED,
                  j.retries(),
                  j.worker(),
                  j.deadline(),
                  j.errorMessage(),
                  j.errorCode(),
                  null));
    } else if (event instanceof JobTimedOut e) {
      update(
          e.key(),
          j ->
              with(
                  j,
                  JobState.TIMED_OUT,
                  j.retries(),
                  j.worker(),
                  null,
                  j.errorMessage(),
                  j.errorCode(),
                  null));
    } else if (event instanceof JobYielded e) {
      // Camunda's job search has no YIELDED state: the job is back to waiting for a worker,
      // unlocked
      update(
          e.key(),
          j ->
              with(
                  j,
                  JobState.CREATED,
                  j.retries(),
                  null,
                  null,
                  j.errorMessage(),
                  j.errorCode(),
                  null));
    } else if (event instanceof JobRetriesUpdated e) {
      update(
          e.key(),
          j ->
              with(
                  j,
                  JobState.RETRIES_UPDATED,
                  e.retries(),
                  j.worker(),
                  j.deadline(),
                  j.errorMessage(),
                  j.errorCode(),
                  null));
    } else if (event instanceof JobTimeoutUpdated e) {
      update(
          e.key(),
          j ->
              with(
                  j,
                  j.state(),
                  j.retries(),
                  j.worker(),
                  e.deadline(),
                  j.errorMessage(),
                  j.errorCode(),
                  null));
    } else if (event instanceof JobErrorThrown e) {
      update(
          e.key(),
          j ->
              with(
                  j,
                  JobState.ERROR_THROWN,
                  j.retries(),
                  j.worker(),
                  j.deadline(),
                  e.errorMessage(),
                  e.errorCode(),
                  time));
    } else if (event instanceof JobCanceled e) {
      update(
          e.key(),
          j ->
              j.state() == JobState.ERROR_THROWN
                  ? j
                  : with(
                      j,
                      JobState.CANCELED,
                      j.retries(),
                      j.worker(),
                      j.deadline(),
                      j.errorMessage(),
                      j.errorCode(),
                      time));
    } else {
      return false;
    }
    return true;
  }

  private void created(
      long key,
      String type,
      String kind,
      String listenerEventType,
      int retries,
      Map<String, String> customHeaders,
      long elementInstanceKey,
      long processInstanceKey) {
    ElementInstanceRecord element = elementInstances.apply(elementInstanceKey);
    jobs.put(
        key,
        new JobRecord(
            key,
            type,
            null,
            JobState.CREATED,
            kind,
            listenerEventType,
            retries,
            false,
            null,
            false,
            null,
            null,
            customHeaders,
            null,
            null,
            element.bpmnProcessId(),
            element.processDefinitionKey(),
            processInstanceKey,
            element.elementId(),
            elementInstanceKey,
            element.tenantId()));
  }

  private interface JobUpdate {
    JobRecord apply(JobRecord job);
  }

  /** A migrated job reports its new definition and element. */
  void migrated(long key, long processDefinitionKey, String bpmnProcessId, String elementId) {
    jobs.computeIfPresent(
        key,
        (k, j) ->
            new JobRecord(
                j.jobKey(),
                j.type(),
                j.worker(),
                j.state(),
                j.kind(),
                j.listenerEventType(),
                j.retries(),
                j.isDenied(),
                j.deniedReason(),
                j.hasFailedWithRetriesLeft(),
                j.errorCode(),
                j.errorMessage(),
                j.customHeaders(),
                j.deadline(),
                j.endTime(),
                bpmnProcessId,
                processDefinitionKey,
                j.processInstanceKey(),
                elementId,
                j.elementInstanceKey(),
                j.tenantId()));
  }

  private void update(long key, JobUpdate update) {
    jobs.computeIfPresent(key, (k, j) -> update.apply(j));
  }

  private static JobRecord with(
      JobRecord j,
      JobState state,
      int retries,
      String worker,
      Long deadline,
      String errorMessage,
      String errorCode,
      Long endTime) {
    boolean failedWithRetriesLeft = state == JobState.FAILED && retries > 0;
    return new JobRecord(
        j.jobKey(),
        j.type(),
        worker,
        state,
        j.kind(),
        j.listenerEventType(),
        retries,
        j.isDenied(),
        j.deniedReason(),
        failedWithRetriesLeft,
        errorCode,
        errorMessage,
        j.customHeaders(),
        deadline,
        endTime,
        j.bpmnProcessId(),
        j.processDefinitionKey(),
        j.processInstanceKey(),
        j.elementId(),
        j.elementInstanceKey(),
        j.tenantId());
  }

  /** {@link HistoryExport.Holder#history}. */
  void history(java.util.Set<Long> keys, HistoryExport.HistoryOut out) {
    jobs.history(io.civicflow.engine.history.HistoryKind.JOB, JobRecord::jobKey, keys, out);
  }

  /** {@link HistoryExport.Holder#evict}. */
  void evict(java.util.Set<Long> keys) {
    jobs.evict(keys);
  }

  void clear() {
    jobs.clear();
  }

  List<JobRecord> image() {
    return ReadModelImage.sorted(jobs.values(), JobRecord::jobKey);
  }

  void restore(List<JobRecord> image) {
    image.forEach(r -> jobs.put(r.jobKey(), r));
  }

  Collection<JobRecord> all() {
    return jobs.values();
  }

  Optional<JobRecord> get(long key) {
    return Optional.ofNullable(jobs.get(key));
  }

  /** How many records the history export's per-instance lookups looked at (for tests). */
  long historyVisits() {
    return jobs.visited();
  }

  /** How many process instances the per-instance index holds jobs of (for tests). */
  int indexedInstances() {
    return jobs.indexedInstances();
  }
}
