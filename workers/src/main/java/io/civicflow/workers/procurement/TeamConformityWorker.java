package io.civicflow.workers.procurement;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.exception.CamundaError;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code procurement.check-team-staffing}: the conformity review of a bid — its price against the
 * published ceiling (87号令 Art 63: a price above the budget or the ceiling price makes the bid
 * invalid) and its committed project team. A bidder that is not registered as a 民办非企业单位 raises the
 * BPMN error {@code BIDDER_NOT_REGISTERED}.
 */
@Component
public class TeamConformityWorker {

  private final TeamStaffingRules rules = new TeamStaffingRules();

  /**
   * The job's variables: the bid's price and team and the round's rules.
   *
   * @param ceilingPriceFen the published ceiling price of one contract year; absent: not checked
   */
  public record Input(
      String bidderName,
      boolean registeredAsNonProfit,
      List<TeamMember> team,
      int minimumFullTimeMembers,
      int minimumProfessionalPercent,
      Long priceFen,
      Long ceilingPriceFen) {}

  @JobWorker(type = "procurement.check-team-staffing")
  public TeamConformity check(@VariablesAsType Input input) {
    if (!input.registeredAsNonProfit()) {
      throw CamundaError.bpmnError(
          "BIDDER_NOT_REGISTERED", input.bidderName() + "未在民政部门登记为民办非企业单位");
    }
    TeamConformity team =
        rules.check(
            input.team() == null ? List.of() : input.team(),
            new StaffingRequirements(
                input.minimumFullTimeMembers(), input.minimumProfessionalPercent()));
    if (input.priceFen() == null
        || input.ceilingPriceFen() == null
        || input.priceFen() <= input.ceilingPriceFen()) {
      return team;
    }
    List<String> reasons = new ArrayList<>();
    reasons.add(
        "投标报价"
            + AwardPublication.yuan(input.priceFen())
            + "元超过最高限价"
            + AwardPublication.yuan(input.ceilingPriceFen())
            + "元，投标无效（政府采购货物和服务招标投标管理办法第六十三条）");
    reasons.addAll(team.nonConformities());
    return new TeamConformity(false, List.copyOf(reasons));
  }
}
