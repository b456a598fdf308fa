/**
 * Elasticsearch for the provider registry and the records analysts search: a launcher for a real
 * local server ({@link io.civicflow.workers.registry.elasticsearch.ElasticsearchLauncher}, also
 * behind {@code scripts/elasticsearch.sh}), versioned indices with explicit mappings ({@link
 * io.civicflow.workers.registry.elasticsearch.ElasticsearchIndices}) and an idempotent document
 * store keyed by business keys ({@link
 * io.civicflow.workers.registry.elasticsearch.ElasticsearchDocumentStore}).
 */
package io.civicflow.workers.registry.elasticsearch;
