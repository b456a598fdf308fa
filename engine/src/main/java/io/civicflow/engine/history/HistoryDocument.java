package io.civicflow.engine.history;

/**
 * One history record as exported: its kind, its key within the kind (unique there), the process
 * instance it belongs to and the root of that instance's tree (what retention and deletion go by),
 * the root's BPMN process id, and when it expires (epoch milliseconds on the engine clock).
 */
public record HistoryDocument(
    HistoryKind<?> kind,
    String key,
    long processInstanceKey,
    long rootProcessInstanceKey,
    String bpmnProcessId,
    long expiresAt,
    Object record) {}
