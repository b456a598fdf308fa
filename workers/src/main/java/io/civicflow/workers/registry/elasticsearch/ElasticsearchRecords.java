package io.civicflow.workers.registry.elasticsearch;

import io.civicflow.workers.registry.CaseEntry;
import io.civicflow.workers.registry.CaseRecords;
import io.civicflow.workers.registry.GroupEntry;
import io.civicflow.workers.registry.GroupRecords;
import io.civicflow.workers.registry.IncubationEntry;
import io.civicflow.workers.registry.IncubationRecords;
import io.civicflow.workers.registry.OutreachEntry;
import io.civicflow.workers.registry.OutreachRecords;
import io.civicflow.workers.registry.ServiceRequestEntry;
import io.civicflow.workers.registry.ServiceRequestRecords;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IncubationRecords}, {@link CaseRecords}, {@link GroupRecords}, {@link OutreachRecords} and
 * {@link ServiceRequestRecords} in Elasticsearch ({@link RegistryIndices#INCUBATIONS}, {@link
 * RegistryIndices#CASES}, {@link RegistryIndices#GROUPS}, {@link RegistryIndices#OUTREACH}, {@link
 * RegistryIndices#SERVICE_REQUESTS}): append-only, one document per entry id, created only if
 * absent.
 */
public final class ElasticsearchRecords {

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchRecords.class);

  private ElasticsearchRecords() {}

  public static IncubationRecords incubations(ElasticsearchDocumentStore store) {
    String alias = RegistryIndices.INCUBATIONS.alias();
    return new IncubationRecords() {
      @Override
      public IncubationEntry record(IncubationEntry entry) {
        return once(store, alias, entry.entryId(), entry, IncubationEntry.class);
      }

      @Override
      public List<IncubationEntry> historyOf(String orgId) {
        return history(store, alias, "orgId", orgId, IncubationEntry.class);
      }
    };
  }

  public static CaseRecords cases(ElasticsearchDocumentStore store) {
    String alias = RegistryIndices.CASES.alias();
    return new CaseRecords() {
      @Override
      public CaseEntry record(CaseEntry entry) {
        return once(store, alias, entry.entryId(), entry, CaseEntry.class);
      }

      @Override
      public List<CaseEntry> historyOf(String caseNo) {
        return history(store, alias, "caseNo", caseNo, CaseEntry.class);
      }
    };
  }

  public static GroupRecords groups(ElasticsearchDocumentStore store) {
    String alias = RegistryIndices.GROUPS.alias();
    return new GroupRecords() {
      @Override
      public GroupEntry record(GroupEntry entry) {
        return once(store, alias, entry.entryId(), entry, GroupEntry.class);
      }

      @Override
      public List<GroupEntry> historyOf(String groupNo) {
        return history(store, alias, "groupNo", groupNo, GroupEntry.class);
      }
    };
  }

  public static OutreachRecords outreach(ElasticsearchDocumentStore store) {
    String alias = RegistryIndices.OUTREACH.alias();
    return new OutreachRecords() {
      @Override
      public OutreachEntry record(OutreachEntry entry) {
        return once(store, alias, entry.entryId(), entry, OutreachEntry.class);
      }

      @Override
      public List<OutreachEntry> historyOf(String rosterNo) {
        return history(store, alias, "rosterNo", rosterNo, OutreachEntry.class);
      }
    };
  }

  public static ServiceRequestRecords serviceRequests(ElasticsearchDocumentStore store) {
    String alias = RegistryIndices.SERVICE_REQUESTS.alias();
    return new ServiceRequestRecords() {
      @Override
      public ServiceRequestEntry record(ServiceRequestEntry entry) {
        return once(store, alias, entry.entryId(), entry, ServiceRequestEntry.class);
      }

      @Override
      public List<ServiceRequestEntry> historyOf(String orderNo) {
        return history(store, alias, "orderNo", orderNo, ServiceRequestEntry.class);
      }
    };
  }

  private static <T> T once(
      ElasticsearchDocumentStore store, String alias, String id, T entry, Class<T> type) {
    ElasticsearchDocumentStore.Stored<T> stored = store.createOnce(alias, id, entry, type);
    if (stored.created()) {
      LOG.info("Recorded {}", id);
    }
    return stored.document();
  }

  private static <T> List<T> history(
      ElasticsearchDocumentStore store, String alias, String field, String key, Class<T> type) {
    return store.searchSorted(
        alias, ElasticsearchDocumentStore.term(field, key), List.of("recordedAt", "entryId"), type);
  }
}
