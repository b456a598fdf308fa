package io.civicflow.workers.procurement;

/**
 * One person a bidder commits to the project team (Kunshan Attachment 2; DOMAIN.md §1 "Bidder
 * qualification").
 *
 * @param role {@code LEAD}, {@code MEMBER} or {@code SUPERVISOR}
 * @param fullTime labour contract of at least one year and social insurance paid
 * @param professional a professional social worker: social-work degree or national certificate
 * @param managementYears years of project management experience (the lead needs 3)
 * @param socialWorkYears years of social-work experience (members need 1, unless the team has two
 *     professionals)
 * @param supervisorQualified supervisors: sociology/social-work bachelor or above, registered
 *     national qualification, or a university social-work teacher
 * @param practiceYears supervisors: years of practice (3 needed; teachers: 36 months over 3
 *     projects)
 */
public record TeamMember(
    String name,
    String role,
    boolean fullTime,
    boolean professional,
    int managementYears,
    int socialWorkYears,
    boolean supervisorQualified,
    int practiceYears) {

  public boolean isLead() {
    return "LEAD".equals(role);
  }

  public boolean isSupervisor() {
    return "SUPERVISOR".equals(role);
  }
}
