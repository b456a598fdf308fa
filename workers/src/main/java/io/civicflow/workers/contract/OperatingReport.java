package io.civicflow.workers.contract;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider's bimonthly operating report (Kunshan §6.2: 承接机构每两个月向民政局和区镇报送运营情况).
 *
 * @param reportId the idempotency key, derived by the caller from the job that files it
 * @param period the two months reported, as the provider names them (e.g. {@code 2016-09/2016-10})
 * @param activitiesHeld activities held in the period, 0 if not given
 * @param residentsServed residents served in the period, 0 if not given
 * @param summary what was done, may be empty
 * @param issues problems and help needed from the district, may be empty
 * @param filedAt when the report was filed, from the job's {@code now}
 */
public record OperatingReport(
    String reportId,
    String contractNo,
    String period,
    int activitiesHeld,
    int residentsServed,
    String summary,
    String issues,
    Instant filedAt) {

  public OperatingReport {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(contractNo, "contractNo");
    Objects.requireNonNull(filedAt, "filedAt");
    period = period == null ? "" : period;
    summary = summary == null ? "" : summary;
    issues = issues == null ? "" : issues;
  }
}
