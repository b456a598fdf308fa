package io.civicflow.engine.web.search;

import java.util.List;

/**
 * {@code
 * {"items":[…],"page":{"totalItems":n,"hasMoreTotalItems":false,"startCursor":…,"endCursor":…}}}.
 */
public record SearchResult<T>(List<T> items, PageResponse page) {

  /** Cursors are absent when the page is empty. */
  public record PageResponse(
      long totalItems, boolean hasMoreTotalItems, String startCursor, String endCursor) {}
}
