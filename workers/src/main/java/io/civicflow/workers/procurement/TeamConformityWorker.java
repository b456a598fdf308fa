package io.civicflow.workers.procurement;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.exception.CamundaError;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code procurement.check-team-staffing}: the conformity review of a bid's committed project team.
 * A bidder that is not registered as a 民办非企业单位 raises the BPMN error {@code BIDDER_NOT_REGISTERED}.
 */
@Component
public class TeamConformityWorker {

  private final TeamStaffingRules rules = new TeamStaffingRules();

  /** The job's variables: the bid's team and the round's rules. */
  public record Input(
      String bidderName,
      boolean registeredAsNonProfit,
      List<TeamMember> team,
      int minimumFullTimeMembers,
      int minimumProfessionalPercent) {}

  @JobWorker(type = "procurement.check-team-staffing")
  public TeamConformity check(@VariablesAsType Input input) {
    if (!input.registeredAsNonProfit()) {
      throw CamundaError.bpmnError(
          "BIDDER_NOT_REGISTERED", input.bidderName() + "未在民政部门登记为民办非企业单位");
    }
    return rules.check(
        input.team() == null ? List.of() : input.team(),
        new StaffingRequirements(
            input.minimumFullTimeMembers(), input.minimumProfessionalPercent()));
  }
}
