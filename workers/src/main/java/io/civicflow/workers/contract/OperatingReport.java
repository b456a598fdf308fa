package io.civicflow.workers.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A provider's bimonthly operating report (Kunshan §6.2: 承接机构每两个月向民政局和区镇报送运营情况), as the {@code
 * operating-report} form gives it, money in fen.
 *
 * @param reportId the idempotency key, derived by the caller from the job that files it
 * @param periodStart first day reported, {@code yyyy-MM-dd}, may be empty
 * @param periodEnd last day reported, {@code yyyy-MM-dd}, may be empty
 * @param expenditureFen spent in the period
 * @param filedAt when the report was filed, from the job's {@code now}
 */
public record OperatingReport(
    String reportId,
    String contractNo,
    String periodStart,
    String periodEnd,
    int activities,
    int serviceRecipients,
    int cases,
    BigDecimal volunteerHours,
    long expenditureFen,
    int fullTimeStaff,
    String summary,
    String problems,
    String nextPlan,
    String attachmentRef,
    Instant filedAt) {

  public OperatingReport {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(contractNo, "contractNo");
    Objects.requireNonNull(filedAt, "filedAt");
    periodStart = periodStart == null ? "" : periodStart;
    periodEnd = periodEnd == null ? "" : periodEnd;
    volunteerHours = volunteerHours == null ? BigDecimal.ZERO : volunteerHours;
    summary = summary == null ? "" : summary;
    problems = problems == null ? "" : problems;
    nextPlan = nextPlan == null ? "" : nextPlan;
    attachmentRef = attachmentRef == null ? "" : attachmentRef;
  }
}
