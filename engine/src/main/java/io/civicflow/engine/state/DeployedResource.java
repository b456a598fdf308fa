package io.civicflow.engine.state;

/** A deployed non-process resource (form, decision); {@code content} is its text. */
public record DeployedResource(
    String kind,
    long key,
    String id,
    int version,
    String resourceName,
    String checksum,
    String content,
    long deploymentKey,
    String tenantId) {}
