package io.civicflow.engine.state;

/** A deployed decision version; its graph is the "decision-requirements" resource with that key. */
public record DeployedDecision(
    long key,
    String decisionId,
    String name,
    int version,
    String versionTag,
    String decisionType,
    long decisionRequirementsKey,
    String decisionRequirementsId,
    long deploymentKey,
    String resourceName,
    String tenantId) {}
