package io.civicflow.workers.stations;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The stations, the district each serves and the communities each resident social worker covers
 * (DOMAIN.md §4: "each resident social worker covers 2–3 communities"). Checked when the
 * application starts: every station has a district, every worker covers 2 or 3 named communities,
 * and no community is covered by two workers of one station.
 */
public final class StationDirectory {

  /** Taicang: "每名驻站社工平均服务 2-3 个社区". */
  public static final int MIN_COMMUNITIES = 2;

  public static final int MAX_COMMUNITIES = 3;

  private final Map<String, StationProperties.Station> stations;

  public StationDirectory(Map<String, StationProperties.Station> stations) {
    this.stations = new TreeMap<>(Objects.requireNonNull(stations, "stations"));
    stations.forEach(StationDirectory::check);
  }

  private static void check(String id, StationProperties.Station station) {
    if (station.district() == null || station.district().isBlank()) {
      throw new IllegalArgumentException("civicflow.stations." + id + ".district is missing");
    }
    Map<String, List<String>> workers =
        station.socialWorkers() == null ? Map.of() : station.socialWorkers();
    java.util.Set<String> covered = new java.util.HashSet<>();
    workers.forEach(
        (worker, communities) -> {
          if (communities == null
              || communities.size() < MIN_COMMUNITIES
              || communities.size() > MAX_COMMUNITIES) {
            throw new IllegalArgumentException(
                "civicflow.stations."
                    + id
                    + ".social-workers."
                    + worker
                    + " must cover 2 or 3 communities, covers "
                    + communities);
          }
          for (String community : communities) {
            if (!covered.add(community)) {
              throw new IllegalArgumentException(
                  "civicflow.stations." + id + ": " + community + " is covered twice");
            }
          }
        });
  }

  /** The street or town station {@code stationId} serves. */
  public String districtOf(String stationId) {
    return station(stationId).district();
  }

  /** The communities {@code userId} covers at {@code stationId}; empty if none. */
  public List<String> communitiesOf(String stationId, String userId) {
    Map<String, List<String>> workers = station(stationId).socialWorkers();
    return workers == null ? List.of() : workers.getOrDefault(userId, List.of());
  }

  /** Each resident social worker of {@code stationId} and the communities they cover. */
  public Map<String, List<String>> coverageOf(String stationId) {
    Map<String, List<String>> workers = station(stationId).socialWorkers();
    return workers == null ? Map.of() : new TreeMap<>(workers);
  }

  /** The resident social worker of {@code stationId} who covers {@code community}, if any. */
  public java.util.Optional<String> workerFor(String stationId, String community) {
    return coverageOf(stationId).entrySet().stream()
        .filter(e -> e.getValue().contains(community))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** The stations {@code userId} is a resident social worker of; empty if none. */
  public java.util.Set<String> stationsOf(String userId) {
    java.util.Set<String> found = new java.util.TreeSet<>();
    stations.forEach(
        (id, station) -> {
          if (station.socialWorkers() != null && station.socialWorkers().containsKey(userId)) {
            found.add(id);
          }
        });
    return found;
  }

  /** The stations, by id: their names, for the forms' station lists. */
  public Map<String, String> names() {
    Map<String, String> names = new java.util.LinkedHashMap<>();
    stations.forEach((id, station) -> names.put(id, station.name() == null ? id : station.name()));
    return names;
  }

  /** Whether {@code stationId} is a known station. */
  public boolean knows(String stationId) {
    return stationId != null && stations.containsKey(stationId);
  }

  /**
   * The district of the station whose resident social workers cover {@code community}, if one does.
   */
  public java.util.Optional<String> districtOfCommunity(String community) {
    if (community == null || community.isBlank()) {
      return java.util.Optional.empty();
    }
    return stations.values().stream()
        .filter(
            s ->
                s.socialWorkers() != null
                    && s.socialWorkers().values().stream().anyMatch(c -> c.contains(community)))
        .map(StationProperties.Station::district)
        .findFirst();
  }

  private StationProperties.Station station(String stationId) {
    StationProperties.Station station = stationId == null ? null : stations.get(stationId);
    if (station == null) {
      throw new IllegalArgumentException(
          "Unknown station " + stationId + " (civicflow.stations: " + stations.keySet() + ")");
    }
    return station;
  }
}
