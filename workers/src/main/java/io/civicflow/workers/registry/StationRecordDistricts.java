package io.civicflow.workers.registry;

import io.civicflow.workers.stations.StationDirectory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Puts the district on every case and service-request record (the analysts count them per
 * district): an entry written without one gets the district of its station ({@code
 * civicflow.stations}), else of the station that covers its community, else the district already
 * recorded for the same case or request. Wraps the stores of {@link CaseRecords} and {@link
 * ServiceRequestRecords}; the workers write as before.
 */
public final class StationRecordDistricts {

  private StationRecordDistricts() {}

  public static CaseRecords of(CaseRecords records, StationDirectory stations) {
    Objects.requireNonNull(records, "records");
    return new CaseRecords() {
      @Override
      public CaseEntry record(CaseEntry entry) {
        if (!entry.district().isBlank()) {
          return records.record(entry);
        }
        String district =
            fromStation(stations, entry.station())
                .or(() -> earlier(records.historyOf(entry.caseNo()), CaseEntry::district))
                .orElse("");
        String station =
            entry.station().isBlank()
                ? earlier(records.historyOf(entry.caseNo()), CaseEntry::station).orElse("")
                : entry.station();
        return records.record(
            new CaseEntry(
                entry.entryId(),
                entry.caseNo(),
                entry.orderNo(),
                district,
                station,
                entry.socialWorker(),
                entry.step(),
                entry.level(),
                entry.note(),
                entry.recordedAt(),
                entry.actedBy()));
      }

      @Override
      public List<CaseEntry> historyOf(String caseNo) {
        return records.historyOf(caseNo);
      }
    };
  }

  public static ServiceRequestRecords of(ServiceRequestRecords records, StationDirectory stations) {
    Objects.requireNonNull(records, "records");
    return new ServiceRequestRecords() {
      @Override
      public ServiceRequestEntry record(ServiceRequestEntry entry) {
        if (!entry.district().isBlank()) {
          return records.record(entry);
        }
        List<ServiceRequestEntry> earlier = records.historyOf(entry.orderNo());
        String district =
            stations
                .districtOfCommunity(entry.community())
                .or(() -> earlier(earlier, ServiceRequestEntry::district))
                .orElse("");
        String community =
            entry.community().isBlank()
                ? earlier(earlier, ServiceRequestEntry::community).orElse("")
                : entry.community();
        return records.record(entry.withDistrict(district, community));
      }

      @Override
      public List<ServiceRequestEntry> historyOf(String orderNo) {
        return records.historyOf(orderNo);
      }
    };
  }

  private static Optional<String> fromStation(StationDirectory stations, String station) {
    return stations.knows(station) ? Optional.of(stations.districtOf(station)) : Optional.empty();
  }

  private static <T> Optional<String> earlier(List<T> history, Function<T, String> field) {
    return history.stream().map(field).filter(v -> v != null && !v.isBlank()).findFirst();
  }
}
