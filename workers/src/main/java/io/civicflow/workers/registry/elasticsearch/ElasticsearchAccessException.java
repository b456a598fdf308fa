package io.civicflow.workers.registry.elasticsearch;

/**
 * An Elasticsearch operation did not succeed: the server could not be reached, or it rejected the
 * request. The message names the operation, the index or alias and the document id; the cause is
 * the client's exception. Workers let it fail the job, so the engine retries it later.
 */
public class ElasticsearchAccessException extends RuntimeException {

  public ElasticsearchAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
