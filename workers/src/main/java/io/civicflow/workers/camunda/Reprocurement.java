package io.civicflow.workers.camunda;

import io.camunda.client.CamundaClient;
import io.civicflow.workers.calendar.ProcessTime;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a contract is terminated on a failed evaluation the district must not be left without
 * service (Kunshan §5.2; DOMAIN.md §6 "不合格 terminate and re-procure"): a new {@code
 * unit-procurement} for the same unit, under the project number {@code <projectNo>-R<n>}, with the
 * round's data of the terminated contract (only the round's and the unit's, never its bids or
 * award) and the dates the bureau set for it.
 *
 * <p>Idempotent by the new project number: when an instance with that {@code projectNo} already
 * exists, nothing is started again.
 */
public class Reprocurement {

  private static final Logger LOG = LoggerFactory.getLogger(Reprocurement.class);

  /** The process started for the district. */
  public static final String PROCESS_ID = "unit-procurement";

  /**
   * What a unit's procurement takes from its round; everything else stays with the old contract.
   */
  public static final Set<String> ROUND_DATA =
      Set.of(
          "roundName",
          "roundYear",
          "cityCode",
          "unitCode",
          "unitName",
          "method",
          "minimumBids",
          "bidPeriodDays",
          "clarificationDays",
          "priceWeightMinPercent",
          "priceWeightMaxPercent",
          "needsBook",
          "minimumFullTimeMembers",
          "minimumProfessionalPercent",
          "annualBudgetPerUnitFen",
          "budgetFen",
          "ceilingPriceFen",
          "evaluationPoolFen",
          "openTenderThresholdFen",
          "trancheBasisPoints",
          "trancheSplit",
          "evaluationWeights",
          "units");

  private final CamundaClient client;

  public Reprocurement(CamundaClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** The new project number, e.g. {@code KSCG-2016-ZS-R1}. */
  public static String projectNo(String terminatedProjectNo, int attempt) {
    return terminatedProjectNo + "-R" + attempt;
  }

  /**
   * @param contractVariables the terminated contract's variables
   * @param contractStart the first day of the new contract
   * @param signBy the last day to sign it
   * @return the new project number
   */
  public String start(
      Map<String, Object> contractVariables,
      String terminatedProjectNo,
      int attempt,
      LocalDate contractStart,
      LocalDate signBy,
      int contractYears) {
    String projectNo = projectNo(terminatedProjectNo, attempt);
    if (exists(projectNo)) {
      LOG.info("Re-procurement {} already started", projectNo);
      return projectNo;
    }
    Map<String, Object> variables = new HashMap<>();
    contractVariables.forEach(
        (name, value) -> {
          if (ROUND_DATA.contains(name) && value != null) {
            variables.put(name, value);
          }
        });
    variables.put("projectNo", projectNo);
    variables.put("reprocurementOf", terminatedProjectNo);
    variables.put("contractStartDate", contractStart.toString());
    variables.put("contractYears", contractYears);
    variables.put("signDeadline", ProcessTime.format(ProcessTime.startOf(signBy.plusDays(1))));
    variables.put(
        "signReminderDate",
        ProcessTime.format(ProcessTime.at(signBy.minusDays(7), ProcessTime.START_OF_WORKING_DAY)));
    client
        .newCreateInstanceCommand()
        .bpmnProcessId(PROCESS_ID)
        .latestVersion()
        .variables(variables)
        .send()
        .join();
    LOG.info("Re-procurement {} started for unit {}", projectNo, variables.get("unitCode"));
    return projectNo;
  }

  private boolean exists(String projectNo) {
    List<?> found =
        client
            .newVariableSearchRequest()
            .filter(f -> f.name("projectNo").value("\"" + projectNo + "\""))
            .send()
            .join()
            .items();
    return !found.isEmpty();
  }
}
