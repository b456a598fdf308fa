package io.civicflow.workers.registry.elasticsearch;

import static io.civicflow.workers.registry.elasticsearch.FieldType.BOOLEAN;
import static io.civicflow.workers.registry.elasticsearch.FieldType.DATE;
import static io.civicflow.workers.registry.elasticsearch.FieldType.DECIMAL;
import static io.civicflow.workers.registry.elasticsearch.FieldType.DOCUMENTS;
import static io.civicflow.workers.registry.elasticsearch.FieldType.KEYWORD;
import static io.civicflow.workers.registry.elasticsearch.FieldType.LONG;
import static io.civicflow.workers.registry.elasticsearch.FieldType.STORED;
import static io.civicflow.workers.registry.elasticsearch.FieldType.TEXT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every index CivicFlow keeps in Elasticsearch, each versioned behind its alias with a strict,
 * explicit mapping whose fields are those of the record stored in it. Document ids are the records'
 * business keys or idempotency keys. None has a lifecycle policy or a delete path: procurement
 * records are kept at least 15 years (DOMAIN.md §6).
 */
public final class RegistryIndices {

  public static final IndexDefinition PROVIDERS = ProviderIndex.DEFINITION;

  public static final IndexDefinition EVALUATIONS =
      IndexDefinition.strict(
          "civicflow-evaluations",
          1,
          fields(
              "entryId", KEYWORD,
              "providerOrgId", KEYWORD,
              "contractNo", KEYWORD,
              "contractYear", LONG,
              "kind", KEYWORD,
              "totalScore", DECIMAL,
              "grade", KEYWORD,
              "passed", BOOLEAN,
              "recordedAt", DATE));

  public static final IndexDefinition COMPLAINTS =
      IndexDefinition.strict(
          "civicflow-complaints",
          1,
          fields(
              "entryId", KEYWORD,
              "providerOrgId", KEYWORD,
              "contractNo", KEYWORD,
              "projectNo", KEYWORD,
              "complainant", KEYWORD,
              "content", TEXT,
              "upheld", BOOLEAN,
              "handling", TEXT,
              "recordedAt", DATE));

  public static final IndexDefinition TERMINATIONS =
      IndexDefinition.strict(
          "civicflow-terminations",
          1,
          fields(
              "entryId", KEYWORD,
              "providerOrgId", KEYWORD,
              "contractNo", KEYWORD,
              "milestone", KEYWORD,
              "grade", KEYWORD,
              "recordedAt", DATE));

  /** The rating history: one document per computation, the latest is the current rating. */
  public static final IndexDefinition RATINGS =
      IndexDefinition.strict(
          "civicflow-rating-history",
          1,
          fields(
              "entryId", KEYWORD,
              "providerOrgId", KEYWORD,
              "rating", DECIMAL,
              "evaluationScore", DECIMAL,
              "complaintPenalty", DECIMAL,
              "terminationPenalty", DECIMAL,
              "evaluations", LONG,
              "upheldComplaints", LONG,
              "terminations", LONG,
              "trigger", KEYWORD,
              "computedAt", DATE));

  public static final IndexDefinition INCUBATIONS =
      IndexDefinition.strict(
          "civicflow-incubations",
          1,
          fields(
              "entryId", KEYWORD,
              "orgId", KEYWORD,
              "orgName", TEXT,
              "district", KEYWORD,
              "stage", KEYWORD,
              "score", DECIMAL,
              "note", TEXT,
              "recordedAt", DATE));

  public static final IndexDefinition CASES =
      IndexDefinition.strict(
          "civicflow-cases",
          1,
          fields(
              "entryId", KEYWORD,
              "caseNo", KEYWORD,
              "orderNo", KEYWORD,
              "district", KEYWORD,
              "station", KEYWORD,
              "socialWorker", KEYWORD,
              "step", KEYWORD,
              "level", KEYWORD,
              "note", TEXT,
              "recordedAt", DATE,
              "actedBy", KEYWORD));

  /** Group work (小组工作): one document per recorded step. */
  public static final IndexDefinition GROUPS =
      IndexDefinition.strict(
          "civicflow-groups",
          1,
          fields(
              "entryId", KEYWORD,
              "groupNo", KEYWORD,
              "district", KEYWORD,
              "station", KEYWORD,
              "socialWorker", KEYWORD,
              "step", KEYWORD,
              "sessionNo", LONG,
              "members", LONG,
              "attended", LONG,
              "note", TEXT,
              "recordedAt", DATE));

  /** Outreach visits (外展走访): one document per recorded event. */
  public static final IndexDefinition OUTREACH =
      IndexDefinition.strict(
          "civicflow-outreach",
          1,
          fields(
              "entryId", KEYWORD,
              "rosterNo", KEYWORD,
              "district", KEYWORD,
              "station", KEYWORD,
              "community", KEYWORD,
              "residentCategory", KEYWORD,
              "socialWorker", KEYWORD,
              "event", KEYWORD,
              "visitNo", LONG,
              "note", TEXT,
              "recordedAt", DATE));

  public static final IndexDefinition SERVICE_REQUESTS =
      IndexDefinition.strict(
          "civicflow-service-requests",
          1,
          fields(
              "entryId", KEYWORD,
              "orderNo", KEYWORD,
              "district", KEYWORD,
              "community", KEYWORD,
              "category", KEYWORD,
              "urgent", BOOLEAN,
              "event", KEYWORD,
              "assignee", KEYWORD,
              "note", TEXT,
              "recordedAt", DATE,
              "station", KEYWORD,
              "satisfaction", LONG));

  public static final IndexDefinition CONTRACTS =
      IndexDefinition.strict(
          "civicflow-contracts",
          1,
          fields(
              "contractNo", KEYWORD,
              "projectNo", KEYWORD,
              "unitCode", KEYWORD,
              "district", KEYWORD,
              "roundYear", LONG,
              "providerOrgId", KEYWORD,
              "providerName", TEXT,
              "contractValueFen", LONG,
              "signedAt", DATE,
              "state", KEYWORD,
              "stateChangedAt", DATE,
              "signedContractFiles", DOCUMENTS));

  public static final IndexDefinition OPERATING_REPORTS =
      IndexDefinition.strict(
          "civicflow-operating-reports",
          1,
          fields(
              "reportId", KEYWORD,
              "contractNo", KEYWORD,
              // as the form gives them, possibly empty: kept as text, not as dates
              "periodStart", KEYWORD,
              "periodEnd", KEYWORD,
              "activities", LONG,
              "serviceRecipients", LONG,
              "cases", LONG,
              "volunteerHours", DECIMAL,
              "expenditureFen", LONG,
              "fullTimeStaff", LONG,
              "summary", TEXT,
              "problems", TEXT,
              "nextPlan", TEXT,
              "attachmentRef", KEYWORD,
              "filedAt", DATE));

  public static final IndexDefinition PAYMENTS =
      IndexDefinition.strict(
          "civicflow-payments",
          1,
          fields(
              "paymentId", KEYWORD,
              "contractNo", KEYWORD,
              "contractYear", LONG,
              "tranche", LONG,
              "amountFen", LONG,
              "reason", TEXT,
              "paidAt", DATE));

  /** Publications and notifications. */
  public static final IndexDefinition OUTBOX =
      IndexDefinition.strict(
          "civicflow-outbox",
          1,
          fields(
              "messageId", KEYWORD,
              "topic", KEYWORD,
              "businessKey", KEYWORD,
              "recipientGroup", KEYWORD,
              "title", TEXT,
              "body", TEXT,
              "postedAt", DATE,
              "fields", STORED,
              "attachments", DOCUMENTS));

  /** Each person's notifications: the inbox, and the record of what was mailed. */
  public static final IndexDefinition INBOX =
      IndexDefinition.strict(
          "civicflow-inbox",
          1,
          fields(
              "notificationId", KEYWORD,
              "userId", KEYWORD,
              "messageId", KEYWORD,
              "topic", KEYWORD,
              "businessKey", KEYWORD,
              "title", TEXT,
              "body", TEXT,
              "link", KEYWORD,
              "postedAt", DATE,
              "readAt", DATE,
              "mailedAt", DATE,
              "mailedTo", KEYWORD));

  /** Each user's notification settings (mail on or off). */
  public static final IndexDefinition NOTIFICATION_SETTINGS =
      IndexDefinition.strict(
          "civicflow-notification-settings", 1, fields("userId", KEYWORD, "mailEnabled", BOOLEAN));

  /** Which resident social workers are away (AB role), one document per worker. */
  public static final IndexDefinition WORKER_AVAILABILITY =
      IndexDefinition.strict(
          "civicflow-worker-availability",
          1,
          fields("userId", KEYWORD, "away", BOOLEAN, "changedAt", DATE));

  /** Each user's saved task-list views (the console's task list), one document per user. */
  public static final IndexDefinition TASK_VIEWS =
      IndexDefinition.strict(
          "civicflow-task-views", 1, fields("userId", KEYWORD, "views", STORED, "changedAt", DATE));

  public static final List<IndexDefinition> ALL =
      List.of(
          PROVIDERS,
          EVALUATIONS,
          COMPLAINTS,
          TERMINATIONS,
          RATINGS,
          INCUBATIONS,
          CASES,
          GROUPS,
          OUTREACH,
          SERVICE_REQUESTS,
          CONTRACTS,
          OPERATING_REPORTS,
          PAYMENTS,
          OUTBOX,
          INBOX,
          NOTIFICATION_SETTINGS,
          WORKER_AVAILABILITY,
          TASK_VIEWS);

  private RegistryIndices() {}

  private static Map<String, FieldType> fields(Object... namesAndTypes) {
    Map<String, FieldType> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      fields.put((String) namesAndTypes[i], (FieldType) namesAndTypes[i + 1]);
    }
    return fields;
  }
}
