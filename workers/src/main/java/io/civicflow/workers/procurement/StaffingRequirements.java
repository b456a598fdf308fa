package io.civicflow.workers.procurement;

/**
 * The staffing rules of one procurement round: data of the round, not constants. Kunshan 2016 asks
 * for at least 5 full-time members; Suzhou asks for 9 with more than half professional social
 * workers (DOMAIN.md §1). Checked on the team committed to this project, never as a bidder-size
 * test (87号令 Art 17, DOMAIN.md §6).
 *
 * @param minimumFullTimeMembers full-time members the team needs (supervisors not counted)
 * @param minimumProfessionalPercent the share of professional social workers among full-time
 *     members that must be exceeded, in percent (0 = no such rule; Suzhou: 50)
 */
public record StaffingRequirements(int minimumFullTimeMembers, int minimumProfessionalPercent) {

  public static final StaffingRequirements KUNSHAN_2016 = new StaffingRequirements(5, 0);
  public static final StaffingRequirements SUZHOU = new StaffingRequirements(9, 50);
}
