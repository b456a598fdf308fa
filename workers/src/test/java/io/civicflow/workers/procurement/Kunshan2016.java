package io.civicflow.workers.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Kunshan 2016 round (昆政办发〔2016〕125号, DOMAIN.md §1) as test data: dates in Shanghai time, the
 * round's variables as procurement-round hands them to a unit, bids, score sheets and the forms'
 * answers; plus the few look-ups the process tests share (tasks of one candidate, variables).
 */
public final class Kunshan2016 {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ObjectMapper JSON = new ObjectMapper();

  /** 800,000 CNY a contract year, in fen. */
  static final long CONTRACT_VALUE_FEN = 80_000_000L;

  /** The evaluation agency the round contracts (evaluator1's, in the users file). */
  public static final String EVALUATOR = "52320583MJ5000101X";

  private Kunshan2016() {}

  /** A local Shanghai date-time, e.g. {@code 2016-08-30T10:00}. */
  public static Instant at(String shanghaiLocal) {
    return LocalDateTime.parse(shanghaiLocal).atZone(SHANGHAI).toInstant();
  }

  public static String projectNo(String unitCode) {
    return "KSCG-2016-" + unitCode;
  }

  static String contractNo(String unitCode) {
    return "KS-2016-" + unitCode + "-Y1";
  }

  static String paymentId(String unitCode, int year, int tranche) {
    return "PAY-" + contractNo(unitCode) + "-Y" + year + "-T" + tranche;
  }

  /** What the round's start form says (procurement-round-start). */
  static Map<String, Object> roundStartForm(List<String> unitCodes) {
    Map<String, Object> form = new HashMap<>();
    form.put("roundName", "昆山市2016年度社区社会工作服务项目");
    form.put("roundYear", 2016);
    form.put("cityCode", "KS");
    form.put("unitCodes", unitCodes);
    form.put("annualBudgetPerUnitYuan", 800_000);
    form.put("evaluationPoolYuan", 400_000);
    form.put("openTenderThresholdYuan", 1_000_000);
    form.put("minimumFullTimeMembers", 5);
    form.put("minimumProfessionalPercent", 0);
    form.put("trancheSplit", "30/40/30");
    form.put("contractStartDate", "2016-09-01");
    form.put("signDeadline", "2016-08-31");
    form.put("evaluationWeights", evaluationWeights());
    form.put("evaluatorOrgId", EVALUATOR);
    return form;
  }

  static Map<String, Object> evaluationWeights() {
    return Map.of("expert", 60, "purchaser", 20, "resident", 20, "twoWay", 0);
  }

  /**
   * What a unit's procurement sees from the round for 竞争性磋商 (the procurement-method decision for
   * 800,000 CNY under a 1,000,000 CNY threshold) — the variables procurement-round has when it
   * calls unit-procurement.
   */
  public static Map<String, Object> unitOfRound(String unitCode, String unitName) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("roundYear", 2016);
    variables.put("cityCode", "KS");
    variables.put("projectNo", projectNo(unitCode));
    variables.put("unitCode", unitCode);
    variables.put("unitName", unitName);
    variables.put("method", "竞争性磋商");
    variables.put("minimumBids", 2);
    variables.put("bidPeriodDays", 10);
    variables.put("clarificationDays", 5);
    variables.put("priceWeightMinPercent", 10);
    variables.put("priceWeightMaxPercent", 30);
    variables.put("needsBook", compliantNeedsBook());
    variables.put("minimumFullTimeMembers", 5);
    variables.put("minimumProfessionalPercent", 0);
    variables.put("signDeadline", "2016-09-01T00:00:00+08:00");
    variables.put("signReminderDate", "2016-08-24T09:00:00+08:00");
    variables.putAll(contractTerms());
    return variables;
  }

  /** The contract data the service contract reads. */
  static Map<String, Object> contractTerms() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("contractValueFen", CONTRACT_VALUE_FEN);
    variables.put("annualBudgetPerUnitFen", CONTRACT_VALUE_FEN);
    variables.put("trancheBasisPoints", List.of(3000, 4000, 3000));
    variables.put("contractStartDate", "2016-09-01");
    variables.put("contractYears", 2);
    variables.put("evaluationWeights", evaluationWeights());
    variables.put("evaluatorOrgId", EVALUATOR);
    return variables;
  }

  /** A signed unit contract as unit-procurement hands it to service-contract. */
  public static Map<String, Object> signedContract(
      String unitCode, String unitName, String providerOrgId) {
    Map<String, Object> variables = unitOfRound(unitCode, unitName);
    variables.put("contractNo", contractNo(unitCode));
    variables.put("providerOrgId", providerOrgId);
    variables.put("providerName", "昆山市阳光社会工作服务社");
    return variables;
  }

  static Map<String, Object> compliantNeedsBook() {
    Map<String, Object> book = new LinkedHashMap<>();
    book.put("catalogueItems", List.of("培育公益组织", "社区工作者培训", "困难群体专业服务", "社区综合治理"));
    book.put("serviceContent", "为期两年的社区社会工作服务，覆盖4个社区");
    book.put("targetGroups", List.of("独居老人", "困境儿童"));
    book.put("communityCount", 4);
    book.put("communities", "四个尚无公益创投项目的社区");
    book.put("usesHeadcountCondition", false);
    book.put("usesScaleCondition", false);
    book.put("restrictsRegion", false);
    book.put("priceWeightPercent", 20);
    book.put("bidBondPercent", 1);
    book.put("performanceBondPercent", 5);
    return book;
  }

  /** A bid as the e-procurement platform sends it in {@code BidSubmitted}. */
  public static Map<String, Object> bid(String bidderId, String bidderName, long priceFen) {
    Map<String, Object> bid = new LinkedHashMap<>();
    bid.put("bidderId", bidderId);
    bid.put("bidderName", bidderName);
    bid.put("registeredAsNonProfit", true);
    bid.put("priceFen", priceFen);
    bid.put("jointBid", false);
    bid.put("team", team());
    return bid;
  }

  /**
   * A committed team that meets the Kunshan rules: 5 full-time, a lead of 4 years, a supervisor.
   */
  static List<Map<String, Object>> team() {
    return TeamStaffingRulesTest.kunshanTeam().stream().map(Kunshan2016::member).toList();
  }

  private static Map<String, Object> member(TeamMember member) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("name", member.name());
    form.put("role", member.role());
    form.put("fullTime", member.fullTime());
    form.put("professional", member.professional());
    form.put("managementYears", member.managementYears());
    form.put("socialWorkYears", member.socialWorkYears());
    form.put("supervisorQualified", member.supervisorQualified());
    form.put("practiceYears", member.practiceYears());
    return form;
  }

  /** The operating-report form of one two-month period. */
  static Map<String, Object> operatingReport(String periodEnd) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("periodStart", periodEnd);
    report.put("periodEnd", periodEnd);
    report.put("activities", 12);
    report.put("serviceRecipients", 340);
    report.put("cases", 8);
    report.put("volunteerHours", 120);
    report.put("expenditureYuan", 130_000);
    report.put("fullTimeStaff", 5);
    report.put("summary", "按服务方案开展社区活动与个案服务");
    return Map.of("operatingReport", report);
  }

  // --- look-ups ---

  /** The created user tasks of {@code elementId}. */
  static List<UserTask> openTasks(CamundaClient client, String elementId) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.elementId(elementId).state(UserTaskState.CREATED))
        .send()
        .join()
        .items();
  }

  /**
   * Completes each of {@code count} created tasks of {@code elementId} with the variables {@code
   * answer} gives for the task (e.g. by its candidate user), waiting until all are there.
   */
  static void completeEach(
      CamundaClient client,
      String elementId,
      int count,
      Function<UserTask, Map<String, Object>> answer) {
    List<UserTask> tasks =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> openTasks(client, elementId), found -> found.size() == count);
    for (UserTask task : tasks) {
      client
          .newCompleteUserTaskCommand(task.getUserTaskKey())
          .variables(answer.apply(task))
          .send()
          .join();
    }
  }

  /** The value of the process-level variable {@code name}, read as {@code type}. */
  static <T> T variable(
      CamundaClient client, long processInstanceKey, String name, TypeReference<T> type) {
    List<Variable> found =
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(processInstanceKey).name(name))
            .send()
            .join()
            .items();
    assertThat(found).as("variable %s", name).isNotEmpty();
    Variable variable =
        found.stream()
            .filter(v -> v.getScopeKey() == processInstanceKey)
            .findFirst()
            .orElse(found.get(0));
    String value = variable.getValue();
    if (Boolean.TRUE.equals(variable.isTruncated())) {
      value = client.newVariableGetRequest(variable.getVariableKey()).send().join().getValue();
    }
    try {
      return JSON.readValue(value, type);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read " + name + ": " + value, e);
    }
  }

  /** The child instance {@code processId} that {@code parentKey} called, once it exists. */
  static long childInstance(CamundaClient client, long parentKey, String processId) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client
                    .newProcessInstanceSearchRequest()
                    .filter(
                        f -> f.parentProcessInstanceKey(parentKey).processDefinitionId(processId))
                    .send()
                    .join()
                    .items(),
            found -> !found.isEmpty())
        .get(0)
        .getProcessInstanceKey();
  }

  /**
   * How many instances of {@code elementId} the process instance has in {@code state} ({@code
   * COMPLETED}, {@code ACTIVE}, ...; null for any). CPT's element assertions read one page of 100
   * element instances, too few for a two-year contract; this counts by element.
   */
  static long elementInstances(
      CamundaClient client, long processInstanceKey, String elementId, ElementInstanceState state) {
    return client
        .newElementInstanceSearchRequest()
        .filter(
            f -> {
              f.processInstanceKey(processInstanceKey).elementId(elementId);
              if (state != null) {
                f.state(state);
              }
            })
        .page(p -> p.limit(1000))
        .send()
        .join()
        .items()
        .size();
  }

  static List<ProcessInstance> children(CamundaClient client, long parentKey, String processId) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(f -> f.parentProcessInstanceKey(parentKey).processDefinitionId(processId))
        .send()
        .join()
        .items();
  }

  /**
   * A finance officer approves the open tranche (tranche-payment's {@code Task_ApproveTranche}):
   * assigned to {@code officer}, as Tasklist does, then completed.
   */
  static void approveTranche(CamundaClient client, String officer) {
    UserTask task =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> openTasks(client, "Task_ApproveTranche"), found -> !found.isEmpty())
            .get(0);
    client.newAssignUserTaskCommand(task.getUserTaskKey()).assignee(officer).send().join();
    client
        .newCompleteUserTaskCommand(task.getUserTaskKey())
        .variables(Map.of("trancheApproval", Map.of("decision", "APPROVED", "opinion", "同意拨付")))
        .send()
        .join();
  }
}
