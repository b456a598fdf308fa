package io.civicflow.workers.procurement;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a committed project team against the round's staffing rules (Kunshan Attachment 2, Suzhou;
 * DOMAIN.md §1 and §6):
 *
 * <ol>
 *   <li>at least {@code minimumFullTimeMembers} full-time members, and more than the round's share
 *       of them professional social workers;
 *   <li>exactly one project lead, with at least 3 years of project management;
 *   <li>every other member with at least 1 year of social-work experience, unless the team has at
 *       least 2 professional social workers;
 *   <li>1 or 2 supervisors, each qualified and with at least 3 years of practice.
 * </ol>
 */
public final class TeamStaffingRules {

  static final int LEAD_MANAGEMENT_YEARS = 3;
  static final int MEMBER_SOCIAL_WORK_YEARS = 1;
  static final int PROFESSIONALS_EXEMPTING_EXPERIENCE = 2;
  static final int SUPERVISOR_PRACTICE_YEARS = 3;

  public TeamConformity check(List<TeamMember> team, StaffingRequirements requirements) {
    List<String> problems = new ArrayList<>();
    List<TeamMember> members = team.stream().filter(m -> !m.isSupervisor()).toList();
    List<TeamMember> fullTime = members.stream().filter(TeamMember::fullTime).toList();
    long professionals = fullTime.stream().filter(TeamMember::professional).count();

    if (fullTime.size() < requirements.minimumFullTimeMembers()) {
      problems.add(
          "项目团队专职人员" + fullTime.size() + "人，少于要求的" + requirements.minimumFullTimeMembers() + "人");
    }
    if (requirements.minimumProfessionalPercent() > 0
        && professionals * 100
            <= (long) requirements.minimumProfessionalPercent() * fullTime.size()) {
      problems.add("专业社工占专职人员比例未超过" + requirements.minimumProfessionalPercent() + "%");
    }

    List<TeamMember> leads = members.stream().filter(TeamMember::isLead).toList();
    if (leads.size() != 1) {
      problems.add("项目负责人应为1人，实际为" + leads.size() + "人");
    } else if (leads.get(0).managementYears() < LEAD_MANAGEMENT_YEARS) {
      problems.add("项目负责人" + leads.get(0).name() + "项目管理经验不足" + LEAD_MANAGEMENT_YEARS + "年");
    }

    boolean experienceExempt = professionals >= PROFESSIONALS_EXEMPTING_EXPERIENCE;
    if (!experienceExempt) {
      for (TeamMember member : members) {
        if (!member.isLead() && member.socialWorkYears() < MEMBER_SOCIAL_WORK_YEARS) {
          problems.add(
              "成员"
                  + member.name()
                  + "社会工作经验不足"
                  + MEMBER_SOCIAL_WORK_YEARS
                  + "年，且团队专业社工少于"
                  + PROFESSIONALS_EXEMPTING_EXPERIENCE
                  + "名");
        }
      }
    }

    List<TeamMember> supervisors = team.stream().filter(TeamMember::isSupervisor).toList();
    if (supervisors.isEmpty() || supervisors.size() > 2) {
      problems.add("督导应为1至2名，实际为" + supervisors.size() + "名");
    }
    for (TeamMember supervisor : supervisors) {
      if (!supervisor.supervisorQualified()) {
        problems.add("督导" + supervisor.name() + "不具备学历、资格或高校教师条件");
      } else if (supervisor.practiceYears() < SUPERVISOR_PRACTICE_YEARS) {
        problems.add("督导" + supervisor.name() + "实务经验不足" + SUPERVISOR_PRACTICE_YEARS + "年");
      }
    }
    return new TeamConformity(problems.isEmpty(), List.copyOf(problems));
  }
}
