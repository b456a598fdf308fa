package io.civicflow.engine.history;

/**
 * One history record as exported: its kind, its key within the kind (unique there), the process
 * instance it belongs to and the root of that instance's tree (what retention and deletion go by),
 * the root's BPMN process id, when what it belongs to ended — the root instance's end, a standalone
 * decision's evaluation, a batch operation's end — and when it expires (both epoch milliseconds on
 * the engine clock; a store files it by its end, e.g. Elasticsearch's monthly indices).
 */
public record HistoryDocument(
    HistoryKind<?> kind,
    String key,
    long processInstanceKey,
    long rootProcessInstanceKey,
    String bpmnProcessId,
    long endDate,
    long expiresAt,
    Object record) {}
