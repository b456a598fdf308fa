package io.civicflow.workers.contract;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ContractRecords} held in memory, for tests and the embedded demo. Thread-safe. */
public final class InMemoryContractRecords implements ContractRecords {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryContractRecords.class);

  private final ConcurrentMap<String, OperatingReport> byReportId = new ConcurrentHashMap<>();

  @Override
  public OperatingReport fileReport(OperatingReport report) {
    OperatingReport existing = byReportId.putIfAbsent(report.reportId(), report);
    if (existing != null) {
      LOG.debug("Report {} already recorded", report.reportId());
      return existing;
    }
    LOG.info(
        "Operating report {} of {} ({} to {})",
        report.reportId(),
        report.contractNo(),
        report.periodStart(),
        report.periodEnd());
    return report;
  }

  @Override
  public List<OperatingReport> reportsOf(String contractNo) {
    return byReportId.values().stream()
        .filter(report -> report.contractNo().equals(contractNo))
        .sorted(
            Comparator.comparing(OperatingReport::filedAt).thenComparing(OperatingReport::reportId))
        .toList();
  }
}
