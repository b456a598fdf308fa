package io.civicflow.workers.analytics;

import static io.civicflow.workers.analytics.AnalyticsSearch.MAX_BUCKETS;
import static io.civicflow.workers.analytics.AnalyticsSearch.all;
import static io.civicflow.workers.analytics.AnalyticsSearch.inYear;
import static io.civicflow.workers.analytics.RegistryAnalytics.CHINA;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.civicflow.workers.analytics.AnalyticsViews.CaseVolume;
import io.civicflow.workers.analytics.AnalyticsViews.IncubationFunnel;
import io.civicflow.workers.analytics.AnalyticsViews.RequestVolume;
import io.civicflow.workers.registry.elasticsearch.RegistryIndices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stations' figures for {@link RegistryAnalytics}: organisations per incubation stage, cases
 * and service requests per district and year (with SLA breaches).
 */
final class StationAnalytics {

  private final AnalyticsSearch search;

  StationAnalytics(AnalyticsSearch search) {
    this.search = search;
  }

  /** Organisations per incubation stage; {@code year} (of the stage's date) may be null. */
  IncubationFunnel incubationFunnel(Integer year) {
    Query query = all(year == null ? null : inYear("recordedAt", year));
    Map<String, Aggregate> result =
        search.aggregate(
            RegistryIndices.INCUBATIONS.alias(),
            query,
            "stage",
            Aggregation.of(
                a ->
                    a.terms(t -> t.field("stage").size(MAX_BUCKETS))
                        .aggregations("orgs", o -> o.cardinality(c -> c.field("orgId")))));
    Map<String, Long> orgs = new HashMap<>();
    for (StringTermsBucket bucket : result.get("stage").sterms().buckets().array()) {
      orgs.put(bucket.key().stringValue(), bucket.aggregations().get("orgs").cardinality().value());
    }
    return new IncubationFunnel(
        orgs.getOrDefault("APPLIED", 0L),
        orgs.getOrDefault("ADMITTED", 0L),
        orgs.getOrDefault("GRADUATED", 0L),
        orgs.getOrDefault("REJECTED", 0L),
        orgs.getOrDefault("EXITED", 0L));
  }

  /** Cases opened and closed per district and year. */
  List<CaseVolume> caseVolumes(Integer year) {
    List<CaseVolume> volumes = new ArrayList<>();
    countByDistrictAndYear(
        RegistryIndices.CASES.alias(),
        year,
        "step",
        (district, y, counts) ->
            volumes.add(
                new CaseVolume(
                    district,
                    y,
                    counts.getOrDefault("OPENED", 0L),
                    counts.getOrDefault("CLOSED", 0L))));
    return volumes;
  }

  /** Service requests per district and year with SLA breaches. */
  List<RequestVolume> requestVolumes(Integer year) {
    List<RequestVolume> volumes = new ArrayList<>();
    countByDistrictAndYear(
        RegistryIndices.SERVICE_REQUESTS.alias(),
        year,
        "event",
        (district, y, counts) -> {
          long acceptance = counts.getOrDefault("ACCEPTANCE_LAPSED", 0L);
          long service = counts.getOrDefault("SERVICE_LAPSED", 0L);
          // every missed SLA step (dispatch, acceptance, first contact, service, close) is a breach
          long breaches =
              counts.entrySet().stream()
                  .filter(e -> e.getKey().endsWith("_LAPSED"))
                  .mapToLong(Map.Entry::getValue)
                  .sum();
          volumes.add(
              new RequestVolume(
                  district,
                  y,
                  counts.getOrDefault("REGISTERED", 0L),
                  counts.getOrDefault("CLOSED", 0L),
                  acceptance,
                  service,
                  breaches));
        });
    return volumes;
  }

  @FunctionalInterface
  private interface DistrictYearCounts {
    void accept(String district, int year, Map<String, Long> countsByKind);
  }

  private void countByDistrictAndYear(
      String alias, Integer year, String kindField, DistrictYearCounts sink) {
    Query query = all(year == null ? null : inYear("recordedAt", year));
    Map<String, Aggregate> result =
        search.aggregate(
            alias,
            query,
            "district",
            Aggregation.of(
                a ->
                    a.terms(t -> t.field("district").size(MAX_BUCKETS))
                        .aggregations(
                            "year",
                            y ->
                                y.dateHistogram(
                                        h ->
                                            h.field("recordedAt")
                                                .calendarInterval(CalendarInterval.Year)
                                                .timeZone(CHINA.getId())
                                                .minDocCount(1))
                                    .aggregations(
                                        "kind",
                                        k -> k.terms(t -> t.field(kindField).size(MAX_BUCKETS))))));
    for (StringTermsBucket d : result.get("district").sterms().buckets().array()) {
      for (var y : d.aggregations().get("year").dateHistogram().buckets().array()) {
        Map<String, Long> counts = new HashMap<>();
        for (StringTermsBucket k : y.aggregations().get("kind").sterms().buckets().array()) {
          counts.put(k.key().stringValue(), k.docCount());
        }
        sink.accept(
            d.key().stringValue(), Instant.ofEpochMilli(y.key()).atZone(CHINA).getYear(), counts);
      }
    }
  }
}
