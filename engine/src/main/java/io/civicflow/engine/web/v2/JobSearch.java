package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.JobRecord;
import io.civicflow.engine.web.json.WebJson;
import io.civicflow.engine.web.search.SearchResource;
import io.civicflow.engine.web.search.SearchSchema;
import io.civicflow.engine.web.search.Searcher;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** {@code POST /v2/jobs/search}: Camunda's JobFilter; every filter field is also a sort field. */
public final class JobSearch implements SearchResource<JobRecord, JobSearch.JobResult> {

  /**
   * Camunda's JobSearchResult ({@code deadline} and {@code endTime} are dates here, not epoch
   * numbers).
   */
  public record JobResult(
      Map<String, String> customHeaders,
      Instant deadline,
      String deniedReason,
      String elementId,
      long elementInstanceKey,
      Instant endTime,
      String errorCode,
      String errorMessage,
      boolean hasFailedWithRetriesLeft,
      boolean isDenied,
      long jobKey,
      String kind,
      String listenerEventType,
      String processDefinitionId,
      long processDefinitionKey,
      long processInstanceKey,
      int retries,
      String state,
      String tenantId,
      String type,
      String worker) {}

  public static final JobSearch INSTANCE = new JobSearch();

  private static final String[] FIELDS = {
    "deadline",
    "deniedReason",
    "elementId",
    "elementInstanceKey",
    "endTime",
    "errorCode",
    "errorMessage",
    "hasFailedWithRetriesLeft",
    "isDenied",
    "jobKey",
    "kind",
    "listenerEventType",
    "processDefinitionId",
    "processDefinitionKey",
    "processInstanceKey",
    "retries",
    "state",
    "tenantId",
    "type",
    "worker"
  };

  private static final SearchSchema<JobRecord> SCHEMA =
      SearchSchema.<JobRecord>builder(
              "jobs", Comparator.comparingLong(JobRecord::jobKey), r -> Long.toString(r.jobKey()))
          .date("deadline", JobRecord::deadline)
          .string("deniedReason", JobRecord::deniedReason)
          .string("elementId", JobRecord::elementId)
          .key("elementInstanceKey", JobRecord::elementInstanceKey)
          .date("endTime", JobRecord::endTime)
          .string("errorCode", JobRecord::errorCode)
          .string("errorMessage", JobRecord::errorMessage)
          .bool("hasFailedWithRetriesLeft", JobRecord::hasFailedWithRetriesLeft)
          .bool("isDenied", JobRecord::isDenied)
          .key("jobKey", JobRecord::jobKey)
          .string("kind", JobRecord::kind)
          .string("listenerEventType", JobRecord::listenerEventType)
          .string("processDefinitionId", JobRecord::bpmnProcessId)
          .key("processDefinitionKey", JobRecord::processDefinitionKey)
          .key("processInstanceKey", JobRecord::processInstanceKey)
          .integer("retries", JobRecord::retries)
          .string("state", JobRecord::state)
          .string("tenantId", JobRecord::tenantId)
          .string("type", JobRecord::type)
          .string("worker", JobRecord::worker)
          .sortable(FIELDS)
          .build();

  @Override
  public SearchSchema<JobRecord> schema() {
    return SCHEMA;
  }

  @Override
  public Collection<JobRecord> candidates(ReadModel readModel, JsonNode filter) {
    OptionalLong jobKey = Searcher.pinnedKey(filter, "jobKey");
    return jobKey.isPresent()
        ? readModel.job(jobKey.getAsLong()).map(List::of).orElse(List.of())
        : Searcher.byPinnedKeys(filter, "processInstanceKey", readModel::jobsOf, readModel::jobs);
  }

  @Override
  public JobResult render(JobRecord r) {
    return new JobResult(
        r.customHeaders() == null ? Map.of() : r.customHeaders(),
        WebJson.instant(r.deadline()),
        r.deniedReason(),
        r.elementId(),
        r.elementInstanceKey(),
        WebJson.instant(r.endTime()),
        r.errorCode(),
        r.errorMessage(),
        r.hasFailedWithRetriesLeft(),
        r.isDenied(),
        r.jobKey(),
        r.kind(),
        r.listenerEventType(),
        r.bpmnProcessId(),
        r.processDefinitionKey(),
        r.processInstanceKey(),
        r.retries(),
        r.state() == null ? null : r.state().name(),
        r.tenantId(),
        r.type(),
        // required by Camunda's schema: empty, as Camunda answers, until the job is activated
        r.worker() == null ? "" : r.worker());
  }
}
