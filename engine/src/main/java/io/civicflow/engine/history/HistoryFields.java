package io.civicflow.engine.history;

import io.civicflow.engine.history.HistoryQuery.HistoryField;
import io.civicflow.engine.query.Records.IncidentRecord;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.UserTaskRecord;

/**
 * What a store indexes of a searchable record, so that {@link HistoryQuery}s filter, sort, page and
 * count without reading bodies. Part of the stores' format (H2's {@code HISTORY_FIELDS} columns,
 * Elasticsearch's {@code f*} fields). {@code key} is the family's tie-break (its key; an element
 * instance's creation position), {@code parent} the owning process instance (a process instance's
 * parent instance).
 */
public record HistoryFields(
    long key,
    String process,
    Long definitionKey,
    String state,
    String tenant,
    Long start,
    Long end,
    Long parent,
    Boolean flag) {

  /** The kinds whose records have fields. */
  public static boolean searchable(HistoryKind<?> kind) {
    return kind == HistoryKind.PROCESS_INSTANCE
        || kind == HistoryKind.USER_TASK
        || kind == HistoryKind.INCIDENT;
  }

  /** Whether the kind of this name has fields (a store's rows name their kind). */
  public static boolean searchable(String kindName) {
    return kindName.equals(HistoryKind.PROCESS_INSTANCE.name())
        || kindName.equals(HistoryKind.USER_TASK.name())
        || kindName.equals(HistoryKind.INCIDENT.name());
  }

  /** The fields of a record of a searchable kind; null for any other record. */
  public static HistoryFields of(Object record) {
    if (record instanceof ProcessInstanceRecord r) {
      return new HistoryFields(
          r.processInstanceKey(),
          r.bpmnProcessId(),
          r.processDefinitionKey(),
          name(r.state()),
          r.tenantId(),
          r.startDate(),
          r.endDate(),
          r.parentProcessInstanceKey(),
          r.hasIncident());
    } else if (record instanceof UserTaskRecord r) {
      return new HistoryFields(
          r.userTaskKey(),
          r.bpmnProcessId(),
          r.processDefinitionKey(),
          name(r.state()),
          r.tenantId(),
          r.creationDate(),
          r.completionDate(),
          r.processInstanceKey(),
          null);
    } else if (record instanceof IncidentRecord r) {
      return new HistoryFields(
          r.incidentKey(),
          r.bpmnProcessId(),
          r.processDefinitionKey(),
          name(r.state()),
          r.tenantId(),
          r.creationTime(),
          null,
          r.processInstanceKey(),
          null);
    }
    return null;
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  /** The value of one field (Long, String or Boolean; null when absent). */
  public Object value(HistoryField field) {
    return switch (field) {
      case KEY -> key;
      case PROCESS -> process;
      case DEFINITION_KEY -> definitionKey;
      case STATE -> state;
      case TENANT -> tenant;
      case START -> start;
      case END -> end;
      case PARENT -> parent;
      case FLAG -> flag;
    };
  }
}
