package io.civicflow.engine.history;

import io.civicflow.engine.query.Records.BatchOperationItemRecord;
import io.civicflow.engine.query.Records.BatchOperationRecord;
import io.civicflow.engine.query.Records.CorrelatedMessageSubscriptionRecord;
import io.civicflow.engine.query.Records.DecisionInstanceRecord;
import io.civicflow.engine.query.Records.ElementInstanceRecord;
import io.civicflow.engine.query.Records.IncidentRecord;
import io.civicflow.engine.query.Records.JobRecord;
import io.civicflow.engine.query.Records.MessageSubscriptionRecord;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.SequenceFlowRecord;
import io.civicflow.engine.query.Records.UserTaskRecord;
import io.civicflow.engine.query.Records.VariableRecord;
import java.util.List;

/**
 * One family of history records a {@link HistoryStore} holds: its stable name (a table's, an
 * index's), the record type it stores (the read model's, written as JSON) and how the read model
 * names a record of it. The names are part of the store's format.
 */
public record HistoryKind<R>(String name, Class<R> type) {

  public static final HistoryKind<ProcessInstanceRecord> PROCESS_INSTANCE =
      new HistoryKind<>("process-instance", ProcessInstanceRecord.class);
  public static final HistoryKind<ElementInstanceRecord> ELEMENT_INSTANCE =
      new HistoryKind<>("element-instance", ElementInstanceRecord.class);
  public static final HistoryKind<VariableRecord> VARIABLE =
      new HistoryKind<>("variable", VariableRecord.class);
  public static final HistoryKind<SequenceFlowRecord> SEQUENCE_FLOW =
      new HistoryKind<>("sequence-flow", SequenceFlowRecord.class);
  public static final HistoryKind<JobRecord> JOB = new HistoryKind<>("job", JobRecord.class);
  public static final HistoryKind<IncidentRecord> INCIDENT =
      new HistoryKind<>("incident", IncidentRecord.class);
  public static final HistoryKind<UserTaskRecord> USER_TASK =
      new HistoryKind<>("user-task", UserTaskRecord.class);
  public static final HistoryKind<MessageSubscriptionRecord> MESSAGE_SUBSCRIPTION =
      new HistoryKind<>("message-subscription", MessageSubscriptionRecord.class);
  public static final HistoryKind<CorrelatedMessageSubscriptionRecord> CORRELATED_MESSAGE =
      new HistoryKind<>("correlated-message", CorrelatedMessageSubscriptionRecord.class);
  public static final HistoryKind<DecisionInstanceRecord> DECISION_INSTANCE =
      new HistoryKind<>("decision-instance", DecisionInstanceRecord.class);
  public static final HistoryKind<BatchOperationRecord> BATCH_OPERATION =
      new HistoryKind<>("batch-operation", BatchOperationRecord.class);

  /** Keyed {@code <batch operation key>-<item key>}. */
  public static final HistoryKind<BatchOperationItemRecord> BATCH_OPERATION_ITEM =
      new HistoryKind<>("batch-operation-item", BatchOperationItemRecord.class);

  public static final List<HistoryKind<?>> ALL =
      List.of(
          PROCESS_INSTANCE,
          ELEMENT_INSTANCE,
          VARIABLE,
          SEQUENCE_FLOW,
          JOB,
          INCIDENT,
          USER_TASK,
          MESSAGE_SUBSCRIPTION,
          CORRELATED_MESSAGE,
          DECISION_INSTANCE,
          BATCH_OPERATION,
          BATCH_OPERATION_ITEM);
}
