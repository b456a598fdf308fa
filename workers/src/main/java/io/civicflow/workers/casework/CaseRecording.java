package io.civicflow.workers.casework;

import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.keys.Hashes;
import io.civicflow.workers.registry.CaseEntry;
import io.civicflow.workers.registry.CaseRecords;
import io.civicflow.workers.registry.CaseStep;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Set;

/**
 * Opens cases and records their steps: "全过程留痕" (Taicang; DOMAIN.md §3), every step of the closed
 * loop written to the case record with its time.
 */
public final class CaseRecording {

  private static final Set<String> REFERRAL_TYPES = Set.of("SELF", "REFERRAL");

  /** The steps a case has once: recorded under {@code case:<caseNo>:<STEP>}. */
  private static final Set<CaseStep> ONCE =
      Set.of(CaseStep.INTAKE_ACCEPTED, CaseStep.REFUSED, CaseStep.REFERRED);

  private final CaseRecords records;

  public CaseRecording(CaseRecords records) {
    this.records = Objects.requireNonNull(records, "records");
  }

  /**
   * Opens a case {@code CASE-<yyyyMMdd>-<6 hex>}; the hex digits hash the job key, the job's {@code
   * now} and the resident, which a retried job keeps, so a retry opens the same case once.
   */
  public CaseFile open(
      String residentName,
      String residentCategory,
      String community,
      String referralType,
      String referralOrderNo,
      long jobKey,
      ZonedDateTime now) {
    return open(
        residentName,
        residentCategory,
        community,
        referralType,
        referralOrderNo,
        null,
        jobKey,
        now);
  }

  /** Opens a case at {@code station}, which the record keeps (and with it the district). */
  public CaseFile open(
      String residentName,
      String residentCategory,
      String community,
      String referralType,
      String referralOrderNo,
      String station,
      long jobKey,
      ZonedDateTime now) {
    if (residentName == null || residentName.isBlank()) {
      throw new IllegalArgumentException("A case needs the resident's name");
    }
    String type = referralType == null ? "SELF" : referralType;
    if (!REFERRAL_TYPES.contains(type)) {
      throw new IllegalArgumentException("referralType is SELF or REFERRAL, was " + referralType);
    }
    String caseNo =
        "CASE-"
            + now.withZoneSameInstant(ProcessTime.ZONE)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd"))
            + "-"
            + Hashes.sha256Hex("case/" + jobKey + "/" + now.toInstant() + "/" + residentName, 6);
    CaseEntry opened =
        records.record(
            new CaseEntry(
                "case:" + caseNo + ":" + CaseStep.OPENED,
                caseNo,
                referralOrderNo,
                "",
                station,
                "",
                CaseStep.OPENED,
                "",
                residentCategory == null ? "" : residentCategory,
                now.toInstant(),
                ""));
    return new CaseFile(
        caseNo,
        residentName,
        residentCategory,
        community,
        type,
        referralOrderNo,
        opened.recordedAt());
  }

  /**
   * Records one step under {@code case:<caseNo>:<step>:<jobKey>} ({@code case:<caseNo>:<step>} for
   * the intake decision, which happens once; a reopened case is closed again) with who did it, and
   * returns how many steps the case has.
   */
  public long record(
      String caseNo,
      CaseStepKind step,
      String station,
      String caseWorker,
      String actedBy,
      String level,
      String details,
      long jobKey,
      ZonedDateTime now) {
    if (caseNo == null || caseNo.isBlank()) {
      throw new IllegalArgumentException("casework.record-step needs the caseNo");
    }
    Objects.requireNonNull(step, "step");
    CaseStep recorded = CaseStep.valueOf(step == CaseStepKind.REVIEW ? "REVIEWED" : step.name());
    String entryId =
        ONCE.contains(recorded)
            ? "case:" + caseNo + ":" + recorded
            : "case:" + caseNo + ":" + recorded + ":" + jobKey;
    records.record(
        new CaseEntry(
            entryId,
            caseNo,
            null,
            "",
            station,
            caseWorker,
            recorded,
            level,
            details,
            now.toInstant(),
            actedBy));
    return records.historyOf(caseNo).stream()
        .filter(entry -> entry.step() != CaseStep.OPENED)
        .count();
  }
}
