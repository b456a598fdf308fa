package io.civicflow.engine.web.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.query.ReadModel;
import java.util.Collection;

/**
 * One searchable resource of the REST API (process instances, jobs, ...): its schema, where its
 * records come from, and how a record is rendered in Camunda's JSON shape. Adding a resource (user
 * tasks, decision instances) means adding one implementation and one controller method.
 *
 * @param <R> the read-model record
 * @param <D> the response item
 */
public interface SearchResource<R, D> {

  SearchSchema<R> schema();

  /**
   * The records the search filters: all of them, or a smaller superset of the matches when the
   * filter pins a key (e.g. {@link ReadModel#elementInstancesOf} for a pinned {@code
   * processInstanceKey}).
   */
  Collection<R> candidates(ReadModel readModel, JsonNode filter);

  /**
   * Whether {@link #candidates} answers this filter from a few records — pinned keys, or only what
   * is running — so the history store's paged search, which would read the store even for them, is
   * not asked (and a store that cannot be read does not stop such searches).
   */
  default boolean selective(JsonNode filter) {
    return false;
  }

  D render(R record);
}
