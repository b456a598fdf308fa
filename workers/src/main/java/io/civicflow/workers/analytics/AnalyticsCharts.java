package io.civicflow.workers.analytics;

import static io.civicflow.workers.analytics.AnalyticsSearch.MAX_BUCKETS;
import static io.civicflow.workers.analytics.AnalyticsSearch.yuan;
import static io.civicflow.workers.analytics.RegistryAnalytics.CHINA;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.civicflow.workers.analytics.AnalyticsViews.Chart;
import io.civicflow.workers.analytics.AnalyticsViews.Series;
import io.civicflow.workers.registry.elasticsearch.RegistryIndices;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The charts of {@link RegistryAnalytics} that are one aggregation each: money by district, by
 * month.
 */
final class AnalyticsCharts {

  private final AnalyticsSearch search;

  AnalyticsCharts(AnalyticsSearch search) {
    this.search = search;
  }

  /** Chart: annual contract value (yuan) per district. */
  Chart contractValueByDistrict() {
    List<String> labels = new ArrayList<>();
    List<BigDecimal> data = new ArrayList<>();
    Map<String, Aggregate> result =
        search.aggregate(
            RegistryIndices.CONTRACTS.alias(),
            Query.of(q -> q.matchAll(m -> m)),
            "district",
            Aggregation.of(
                a ->
                    a.terms(t -> t.field("district").size(MAX_BUCKETS))
                        .aggregations("value", v -> v.sum(su -> su.field("contractValueFen")))));
    for (StringTermsBucket d : result.get("district").sterms().buckets().array()) {
      labels.add(d.key().stringValue());
      data.add(yuan((long) d.aggregations().get("value").sum().value()));
    }
    return new Chart(labels, List.of(new Series("合同金额（年）", data)), "元");
  }

  /** Chart: payments (yuan) per month of payment, China time. */
  Chart paymentsByMonth() {
    List<String> labels = new ArrayList<>();
    List<BigDecimal> data = new ArrayList<>();
    Map<String, Aggregate> result =
        search.aggregate(
            RegistryIndices.PAYMENTS.alias(),
            Query.of(q -> q.matchAll(m -> m)),
            "month",
            Aggregation.of(
                a ->
                    a.dateHistogram(
                            h ->
                                h.field("paidAt")
                                    .calendarInterval(CalendarInterval.Month)
                                    .timeZone(CHINA.getId())
                                    .format("yyyy-MM"))
                        .aggregations("paid", p -> p.sum(su -> su.field("amountFen")))));
    for (var month : result.get("month").dateHistogram().buckets().array()) {
      labels.add(month.keyAsString());
      data.add(yuan((long) month.aggregations().get("paid").sum().value()));
    }
    return new Chart(labels, List.of(new Series("拨付金额", data)), "元");
  }
}
