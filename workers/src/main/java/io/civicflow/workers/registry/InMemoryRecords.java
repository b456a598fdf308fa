package io.civicflow.workers.registry;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory {@link IncubationRecords}, {@link CaseRecords}, {@link GroupRecords}, {@link
 * OutreachRecords} and {@link ServiceRequestRecords}, for tests and demos: entries kept by id, the
 * first recorded under an id stays. Thread-safe.
 */
public final class InMemoryRecords<T> {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryRecords.class);

  private final ConcurrentMap<String, T> byId = new ConcurrentHashMap<>();
  private final Function<T, String> id;
  private final Function<T, String> key;
  private final Function<T, Instant> recordedAt;

  private InMemoryRecords(
      Function<T, String> id, Function<T, String> key, Function<T, Instant> recordedAt) {
    this.id = id;
    this.key = key;
    this.recordedAt = recordedAt;
  }

  /** In-memory incubation records. */
  public static IncubationRecords incubations() {
    InMemoryRecords<IncubationEntry> records =
        new InMemoryRecords<>(
            IncubationEntry::entryId, IncubationEntry::orgId, IncubationEntry::recordedAt);
    return new IncubationRecords() {
      @Override
      public IncubationEntry record(IncubationEntry entry) {
        return records.put(entry);
      }

      @Override
      public List<IncubationEntry> historyOf(String orgId) {
        return records.of(orgId);
      }
    };
  }

  /** In-memory case records. */
  public static CaseRecords cases() {
    InMemoryRecords<CaseEntry> records =
        new InMemoryRecords<>(CaseEntry::entryId, CaseEntry::caseNo, CaseEntry::recordedAt);
    return new CaseRecords() {
      @Override
      public CaseEntry record(CaseEntry entry) {
        return records.put(entry);
      }

      @Override
      public List<CaseEntry> historyOf(String caseNo) {
        return records.of(caseNo);
      }
    };
  }

  /** In-memory group records. */
  public static GroupRecords groups() {
    InMemoryRecords<GroupEntry> records =
        new InMemoryRecords<>(GroupEntry::entryId, GroupEntry::groupNo, GroupEntry::recordedAt);
    return new GroupRecords() {
      @Override
      public GroupEntry record(GroupEntry entry) {
        return records.put(entry);
      }

      @Override
      public List<GroupEntry> historyOf(String groupNo) {
        return records.of(groupNo);
      }
    };
  }

  /** In-memory outreach records. */
  public static OutreachRecords outreach() {
    InMemoryRecords<OutreachEntry> records =
        new InMemoryRecords<>(
            OutreachEntry::entryId, OutreachEntry::rosterNo, OutreachEntry::recordedAt);
    return new OutreachRecords() {
      @Override
      public OutreachEntry record(OutreachEntry entry) {
        return records.put(entry);
      }

      @Override
      public List<OutreachEntry> historyOf(String rosterNo) {
        return records.of(rosterNo);
      }
    };
  }

  /** In-memory service request records. */
  public static ServiceRequestRecords serviceRequests() {
    InMemoryRecords<ServiceRequestEntry> records =
        new InMemoryRecords<>(
            ServiceRequestEntry::entryId,
            ServiceRequestEntry::orderNo,
            ServiceRequestEntry::recordedAt);
    return new ServiceRequestRecords() {
      @Override
      public ServiceRequestEntry record(ServiceRequestEntry entry) {
        return records.put(entry);
      }

      @Override
      public List<ServiceRequestEntry> historyOf(String orderNo) {
        return records.of(orderNo);
      }
    };
  }

  private T put(T entry) {
    T existing = byId.putIfAbsent(id.apply(entry), entry);
    if (existing == null) {
      LOG.info("Recorded {}", id.apply(entry));
      return entry;
    }
    return existing;
  }

  private List<T> of(String businessKey) {
    return byId.values().stream()
        .filter(entry -> businessKey.equals(key.apply(entry)))
        .sorted(Comparator.comparing(recordedAt).thenComparing(id))
        .toList();
  }
}
