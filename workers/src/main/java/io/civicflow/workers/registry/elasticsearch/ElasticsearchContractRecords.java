package io.civicflow.workers.registry.elasticsearch;

import io.civicflow.workers.contract.ContractEntry;
import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.contract.ContractState;
import io.civicflow.workers.contract.OperatingReport;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContractRecords} in Elasticsearch: contracts in {@link RegistryIndices#CONTRACTS} (id =
 * contract number), operating reports in {@link RegistryIndices#OPERATING_REPORTS} (id = report
 * id). A contract's end is written with optimistic concurrency (sequence number and primary term),
 * so two jobs ending one contract at once cannot both win.
 */
public final class ElasticsearchContractRecords implements ContractRecords {

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchContractRecords.class);
  private static final String CONTRACTS = RegistryIndices.CONTRACTS.alias();
  private static final String REPORTS = RegistryIndices.OPERATING_REPORTS.alias();
  private static final int MAX_ATTEMPTS = 10;

  private final ElasticsearchDocumentStore store;

  public ElasticsearchContractRecords(ElasticsearchDocumentStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public ContractEntry recordContract(ContractEntry contract) {
    ElasticsearchDocumentStore.Stored<ContractEntry> stored =
        store.createOnce(CONTRACTS, contract.contractNo(), contract, ContractEntry.class);
    if (stored.created()) {
      LOG.info("Contract {} signed with {}", contract.contractNo(), contract.providerOrgId());
    } else {
      ContractRecords.checkSame(stored.document(), contract);
    }
    return stored.document();
  }

  @Override
  public Optional<ContractEntry> endContract(String contractNo, ContractState state, Instant at) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Optional<ElasticsearchDocumentStore.Versioned<ContractEntry>> read =
          store.getVersioned(CONTRACTS, contractNo, ContractEntry.class);
      if (read.isEmpty()) {
        LOG.warn(
            "Contract {} is not in the register; its end ({}) is not recorded", contractNo, state);
        return Optional.empty();
      }
      ContractEntry recorded = read.get().document();
      ContractEntry ended = ContractRecords.ended(recorded, state, at);
      if (ended == null) {
        return Optional.of(recorded);
      }
      if (store.replaceIfUnchanged(CONTRACTS, contractNo, ended, read.get())) {
        LOG.info("Contract {} {}", contractNo, state);
        return Optional.of(ended);
      }
    }
    throw new IllegalStateException(
        "Contract " + contractNo + " kept changing; gave up after " + MAX_ATTEMPTS + " attempts");
  }

  @Override
  public Optional<ContractEntry> contract(String contractNo) {
    return store.get(CONTRACTS, contractNo, ContractEntry.class);
  }

  @Override
  public OperatingReport fileReport(OperatingReport report) {
    ElasticsearchDocumentStore.Stored<OperatingReport> stored =
        store.createOnce(REPORTS, report.reportId(), report, OperatingReport.class);
    if (stored.created()) {
      LOG.info(
          "Operating report {} of {} ({} to {})",
          report.reportId(),
          report.contractNo(),
          report.periodStart(),
          report.periodEnd());
    }
    return stored.document();
  }

  @Override
  public List<OperatingReport> reportsOf(String contractNo) {
    return store.searchSorted(
        REPORTS,
        ElasticsearchDocumentStore.term("contractNo", contractNo),
        List.of("filedAt", "reportId"),
        OperatingReport.class);
  }
}
