package io.civicflow.engine.web.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of every {@code POST /v2/<resource>/search}: {@code {filter, sort, page}}, each
 * optional. The filter stays a JSON tree here; the resource's {@link SearchSchema} interprets it.
 */
public record SearchQuery(JsonNode filter, List<SortRequest> sort, PageRequest page) {

  public static final SearchQuery EMPTY = new SearchQuery(null, List.of(), null);

  /** One sort criterion; {@code order} is {@code ASC} (default) or {@code DESC}. */
  public record SortRequest(String field, String order) {}

  /**
   * Offset paging ({@code from}/{@code limit}) or cursor paging ({@code after} or {@code before} a
   * cursor from a previous page, with {@code limit}); the default limit is {@value
   * Searcher#DEFAULT_LIMIT}.
   */
  public record PageRequest(Integer from, Integer limit, String after, String before) {}
}
