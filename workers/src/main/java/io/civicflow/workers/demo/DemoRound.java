package io.civicflow.workers.demo;

import io.camunda.client.CamundaClient;
import io.civicflow.workers.procurement.KunshanUnits;
import io.civicflow.workers.procurement.ProcurementUnit;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Starts the shipped demo data — the Kunshan procurement round of the clock start's year (the demo
 * profile: 2018, after the completed 2016 round of {@link DemoHistory}) for its 15 units (DOMAIN.md
 * §1) — when the application runs and no procurement round exists yet, so the first official
 * (civil-affairs) finds the needs survey waiting. The engine clock is first moved to the round's
 * start ({@code civicflow.demo.clock-start}, 1 July 2018 09:00 Shanghai in the demo profile)
 * through the engine's {@code /actuator/clock}, so the round's dates are one coherent calendar and
 * not today's. On with the {@code demo} profile ({@code civicflow.demo.round=true}, clock control
 * on); off for a deployment, in process tests and on Camunda 8.
 */
@Component
@Order(100) // after the models are deployed
@ConditionalOnProperty(name = "civicflow.demo.round", havingValue = "true")
public class DemoRound implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoRound.class);
  static final String PROCESS_ID = "procurement-round";

  private final CamundaClient client;
  private final String clockStart;
  private final String clockEndpoint;
  private final String username;
  private final String password;

  public DemoRound(
      CamundaClient client,
      @Value("${civicflow.demo.clock-start:}") String clockStart,
      @Value("http://127.0.0.1:${management.server.port:9600}/actuator/clock") String clockEndpoint,
      @Value("${camunda.client.auth.username:}") String username,
      @Value("${camunda.client.auth.password:}") String password) {
    this.client = client;
    this.clockStart = clockStart;
    this.clockEndpoint = clockEndpoint;
    this.username = username;
    this.password = password;
  }

  @Override
  public void run(ApplicationArguments args) {
    long rounds =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId(PROCESS_ID))
            .send()
            .join()
            .page()
            .totalItems();
    if (rounds > 0) {
      LOG.info("Demo data: {} procurement round(s) exist already; none started", rounds);
      return;
    }
    try {
      moveClockToRoundStart();
    } catch (RuntimeException e) {
      // a 2016 round on today's clock would fire its 2016 deadlines at once: better none
      LOG.error(
          "Demo data: the engine clock could not be moved to {} (is civicflow.engine.clock.controlled"
              + " on?); the demo round is not started",
          clockStart,
          e);
      return;
    }
    var instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(kunshan(roundYear()))
            .send()
            .join();
    LOG.info(
        "Demo data: started the Kunshan {} procurement round (instance {}); the needs survey waits for civil-affairs",
        roundYear(),
        instance.getProcessInstanceKey());
  }

  /**
   * Moves the engine clock to {@code clockStart} (it runs on from there); none given: left alone.
   */
  private void moveClockToRoundStart() {
    if (clockStart == null || clockStart.isBlank()) {
      return;
    }
    long target = OffsetDateTime.parse(clockStart).toInstant().toEpochMilli();
    // the management endpoints need an administrator: the workers' service user is one
    RestClient rest =
        RestClient.builder()
            .defaultHeaders(
                headers -> {
                  if (!username.isBlank()) {
                    headers.setBasicAuth(username, password);
                  }
                })
            .build();
    Map<?, ?> clock = rest.get().uri(clockEndpoint).retrieve().body(Map.class);
    long current = ((Number) clock.get("epochMilli")).longValue();
    rest.post()
        .uri(clockEndpoint + "/add")
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("offsetMilli", target - current))
        .retrieve()
        .toBodilessEntity();
    LOG.info("Demo data: engine clock moved to {}", clockStart);
  }

  /** The round's year: the year of the clock start (the demo: 2018, after the 2016 round). */
  int roundYear() {
    return clockStart == null || clockStart.isBlank()
        ? 2016
        : OffsetDateTime.parse(clockStart).getYear();
  }

  /** The Kunshan 2016 round as the start form would submit it. */
  public static Map<String, Object> kunshan2016() {
    return kunshan(2016);
  }

  /**
   * The Kunshan round of {@code year} as the start form would submit it
   * (forms/procurement-round-start.form).
   */
  public static Map<String, Object> kunshan(int year) {
    Map<String, Object> round = new LinkedHashMap<>();
    round.put("roundName", year + "年昆山市社区社会工作服务项目采购");
    round.put("roundYear", year);
    round.put("cityCode", "KS");
    round.put("unitCodes", KunshanUnits.all().stream().map(ProcurementUnit::code).toList());
    round.put("annualBudgetPerUnitYuan", 800_000);
    round.put("evaluationPoolYuan", 400_000);
    round.put("openTenderThresholdYuan", 1_000_000);
    round.put("minimumFullTimeMembers", 5);
    round.put("minimumProfessionalPercent", 0);
    round.put("trancheSplit", "30/40/30");
    round.put("contractStartDate", year + "-09-01");
    round.put("signDeadline", year + "-08-31");
    round.put(
        "evaluationWeights", Map.of("expert", 60, "purchaser", 20, "resident", 20, "twoWay", 0));
    // the evaluation agency contracted for the round (evaluator1's in the demo users file)
    round.put("evaluatorOrgId", "52320583MJ5000101X");
    return round;
  }

  static List<String> unitCodes() {
    return KunshanUnits.all().stream().map(ProcurementUnit::code).toList();
  }
}
