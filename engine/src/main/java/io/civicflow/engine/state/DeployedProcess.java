package io.civicflow.engine.state;

import io.civicflow.engine.model.ExecutableProcess;

/** A deployed process definition version. */
public record DeployedProcess(
    long key,
    String bpmnProcessId,
    int version,
    String resourceName,
    String checksum,
    String xml,
    long deploymentKey,
    String tenantId,
    ExecutableProcess executable) {}
