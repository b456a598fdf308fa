/**
 * Elasticsearch for the provider registry and the records analysts search: the client of a server
 * someone else runs ({@link io.civicflow.workers.registry.elasticsearch.RegistryElasticsearch}:
 * {@code scripts/elasticsearch.sh} for development, the tests' own launcher), versioned indices
 * with explicit mappings ({@link io.civicflow.workers.registry.elasticsearch.ElasticsearchIndices})
 * and an idempotent document store keyed by business keys ({@link
 * io.civicflow.workers.registry.elasticsearch.ElasticsearchDocumentStore}).
 */
package io.civicflow.workers.registry.elasticsearch;
