package io.civicflow.engine.grpc;

import java.util.List;

/**
 * An open job stream as operators see it: what its client asked for, and the jobs pushed to it so
 * far.
 */
public record OpenJobStream(
    String type,
    String worker,
    long timeoutMillis,
    List<String> fetchVariables,
    List<String> tenantIds,
    long pushedJobs) {}
