/**
 * The provider register with dynamic rating (DOMAIN.md §5, Shanghai §4.4.3): the port {@link
 * io.civicflow.workers.registry.ProviderRegistry} records evaluations, complaints and terminations
 * per provider, idempotently by entry id. {@link
 * io.civicflow.workers.registry.InMemoryProviderRegistry} serves tests and the demo; the
 * Elasticsearch store lives in {@code registry.elasticsearch}. The job {@code
 * registry.record-complaint} records complaint outcomes ({@link
 * io.civicflow.workers.registry.ComplaintRecording}).
 */
package io.civicflow.workers.registry;
