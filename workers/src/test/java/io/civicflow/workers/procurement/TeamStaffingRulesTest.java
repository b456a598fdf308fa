package io.civicflow.workers.procurement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeamStaffingRulesTest {

  private final TeamStaffingRules rules = new TeamStaffingRules();

  static List<TeamMember> kunshanTeam() {
    List<TeamMember> team = new ArrayList<>();
    team.add(new TeamMember("李主任", "LEAD", true, true, 4, 6, false, 0));
    team.add(new TeamMember("王社工", "MEMBER", true, true, 0, 2, false, 0));
    team.add(new TeamMember("张社工", "MEMBER", true, false, 0, 1, false, 0));
    team.add(new TeamMember("陈社工", "MEMBER", true, false, 0, 3, false, 0));
    team.add(new TeamMember("赵社工", "MEMBER", true, true, 0, 1, false, 0));
    team.add(new TeamMember("周督导", "SUPERVISOR", false, true, 0, 10, true, 8));
    return team;
  }

  @Test
  void shouldAcceptAKunshanTeamOfFiveWithAQualifiedSupervisor() {
    TeamConformity result = rules.check(kunshanTeam(), StaffingRequirements.KUNSHAN_2016);
    assertThat(result.teamConforms()).isTrue();
    assertThat(result.nonConformities()).isEmpty();
  }

  @Test
  void shouldRejectTheSameTeamUnderSuzhouRules() {
    TeamConformity result = rules.check(kunshanTeam(), StaffingRequirements.SUZHOU);
    assertThat(result.teamConforms()).isFalse();
    assertThat(result.nonConformities()).containsExactly("项目团队专职人员5人，少于要求的9人");
  }

  @Test
  void shouldRequireMoreThanHalfProfessionalsWhereTheRoundAsksForIt() {
    List<TeamMember> team = new ArrayList<>(kunshanTeam());
    team.set(
        4, new TeamMember("赵社工", "MEMBER", true, false, 0, 1, false, 0)); // 2 of 5 professional
    TeamConformity result = rules.check(team, new StaffingRequirements(5, 50));
    assertThat(result.nonConformities()).containsExactly("专业社工占专职人员比例未超过50%");
  }

  @Test
  void shouldNameAnInexperiencedLeadAndAMissingSupervisor() {
    List<TeamMember> team = new ArrayList<>(kunshanTeam());
    team.set(0, new TeamMember("李主任", "LEAD", true, true, 2, 6, false, 0));
    team.remove(5);
    TeamConformity result = rules.check(team, StaffingRequirements.KUNSHAN_2016);
    assertThat(result.nonConformities()).containsExactly("项目负责人李主任项目管理经验不足3年", "督导应为1至2名，实际为0名");
  }

  @Test
  void shouldRequireMemberExperienceOnlyWhenFewerThanTwoProfessionals() {
    List<TeamMember> team = new ArrayList<>(kunshanTeam());
    team.replaceAll(
        m ->
            m.isSupervisor() || m.isLead()
                ? m
                : new TeamMember(m.name(), m.role(), true, false, 0, 0, false, 0));
    TeamConformity result = rules.check(team, StaffingRequirements.KUNSHAN_2016);
    assertThat(result.nonConformities()).hasSize(4).allMatch(p -> p.contains("社会工作经验不足1年"));
  }
}
