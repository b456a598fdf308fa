package io.civicflow.workers.analytics;

import static io.civicflow.workers.analytics.RegistryAnalytics.CHINA;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchAccessException;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchDocumentStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The analytics' aggregations over the registry's indices, and the queries they filter with. */
final class AnalyticsSearch {

  /** More buckets than any term has values. */
  static final int MAX_BUCKETS = 10_000;

  private final ElasticsearchDocumentStore store;

  AnalyticsSearch(ElasticsearchDocumentStore store) {
    this.store = store;
  }

  static BigDecimal yuan(long fen) {
    return BigDecimal.valueOf(fen).movePointLeft(2);
  }

  /** The aggregation {@code name} over the documents of {@code alias} that match {@code query}. */
  Map<String, Aggregate> aggregate(
      String alias, Query query, String name, Aggregation aggregation) {
    ElasticsearchClient client = store.client();
    try {
      SearchResponse<Void> response =
          client.search(
              s -> s.index(alias).query(query).size(0).aggregations(name, aggregation), Void.class);
      return response.aggregations();
    } catch (IOException | ElasticsearchException e) {
      throw new ElasticsearchAccessException(
          "Elasticsearch aggregation over " + alias + " failed: " + e.getMessage(), e);
    }
  }

  static Query term(String field, String value) {
    return ElasticsearchDocumentStore.term(field, value);
  }

  static Query inYear(String field, int year) {
    return Query.of(
        q ->
            q.range(
                r ->
                    r.date(
                        d ->
                            d.field(field)
                                .gte(year + "-01-01T00:00:00")
                                .lt((year + 1) + "-01-01T00:00:00")
                                .timeZone(CHINA.getId()))));
  }

  static Query all(Query... filters) {
    List<Query> present = new ArrayList<>();
    for (Query filter : filters) {
      if (filter != null) {
        present.add(filter);
      }
    }
    if (present.isEmpty()) {
      return Query.of(q -> q.matchAll(m -> m));
    }
    return Query.of(q -> q.bool(b -> b.filter(present)));
  }
}
