package io.civicflow.workers.casework;

import java.time.Instant;
import java.util.Objects;

/**
 * A case as opened (建立个案档案).
 *
 * @param caseNo {@code CASE-<yyyyMMdd>-<6 hex>}, the correlation key of case-work
 * @param referralType SELF (自主求助) or REFERRAL (转介)
 * @param referralOrderNo the service request that referred it, may be null
 */
public record CaseFile(
    String caseNo,
    String residentName,
    String residentCategory,
    String community,
    String referralType,
    String referralOrderNo,
    Instant openedAt) {

  public CaseFile {
    Objects.requireNonNull(caseNo, "caseNo");
    Objects.requireNonNull(residentName, "residentName");
    Objects.requireNonNull(openedAt, "openedAt");
  }
}
