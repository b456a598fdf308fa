package io.civicflow.engine.web.support;

import io.civicflow.engine.query.Records.ElementInstanceRecord;
import io.civicflow.engine.query.Records.ElementInstanceState;
import io.civicflow.engine.query.Records.IncidentRecord;
import io.civicflow.engine.query.Records.IncidentState;
import io.civicflow.engine.query.Records.ProcessDefinitionRecord;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import io.civicflow.engine.query.Records.VariableRecord;
import java.util.List;

/** Hand-made read-model records with only the fields a test cares about. */
public final class Fixtures {

  public static final String TENANT = "<default>";

  /** 2023-03-29T20:08:07.171Z */
  public static final long T0 = 1_680_120_487_171L;

  private Fixtures() {}

  public static ProcessDefinitionRecord definition(long key, String id, int version) {
    return new ProcessDefinitionRecord(
        key, id, id + " process", version, null, id + ".bpmn", TENANT, 1L, false, "<definitions/>");
  }

  public static ProcessInstanceRecord instance(
      long key, String processId, ProcessInstanceState state, long startDate, List<String> tags) {
    return new ProcessInstanceRecord(
        key,
        100L,
        processId,
        processId + " process",
        1,
        null,
        startDate,
        state == ProcessInstanceState.ACTIVE ? null : startDate + 1000,
        state,
        false,
        TENANT,
        null,
        null,
        tags);
  }

  public static ElementInstanceRecord element(
      long key,
      long processInstanceKey,
      String elementId,
      ElementInstanceState state,
      long startDate,
      long position) {
    return new ElementInstanceRecord(
        key,
        processInstanceKey,
        100L,
        "order",
        elementId,
        elementId + " name",
        "SERVICE_TASK",
        state,
        startDate,
        null,
        false,
        null,
        TENANT,
        processInstanceKey,
        position);
  }

  public static VariableRecord variable(
      long key, long processInstanceKey, String name, String jsonValue) {
    return new VariableRecord(key, name, jsonValue, processInstanceKey, processInstanceKey, TENANT);
  }

  public static IncidentRecord incident(
      long key, long processInstanceKey, String message, IncidentState state) {
    return new IncidentRecord(
        key,
        "order",
        100L,
        processInstanceKey,
        "JOB_NO_RETRIES",
        message,
        "task",
        7L,
        null,
        T0,
        state,
        TENANT);
  }
}
