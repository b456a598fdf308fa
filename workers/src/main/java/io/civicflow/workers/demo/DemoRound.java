package io.civicflow.workers.demo;

import io.camunda.client.CamundaClient;
import io.civicflow.workers.procurement.KunshanUnits;
import io.civicflow.workers.procurement.ProcurementUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Starts the shipped demo data — the Kunshan 2016 procurement round for its 15 units (DOMAIN.md §1)
 * — when the application runs and no procurement round exists yet, so the first official
 * (civil-affairs) finds the needs survey waiting. On by default for the embedded run ({@code
 * civicflow.demo.round=true}); off in process tests and on Camunda 8.
 */
@Component
@Order(100) // after the models are deployed
@ConditionalOnProperty(name = "civicflow.demo.round", havingValue = "true")
public class DemoRound implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoRound.class);
  static final String PROCESS_ID = "procurement-round";

  private final CamundaClient client;

  public DemoRound(CamundaClient client) {
    this.client = client;
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
    var instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(kunshan2016())
            .send()
            .join();
    LOG.info(
        "Demo data: started the Kunshan 2016 procurement round (instance {}); the needs survey waits for civil-affairs",
        instance.getProcessInstanceKey());
  }

  /** The round as the start form would submit it (forms/procurement-round-start.form). */
  public static Map<String, Object> kunshan2016() {
    Map<String, Object> round = new LinkedHashMap<>();
    round.put("roundName", "2016年昆山市社区社会工作服务项目采购");
    round.put("roundYear", 2016);
    round.put("cityCode", "KS");
    round.put("unitCodes", KunshanUnits.all().stream().map(ProcurementUnit::code).toList());
    round.put("annualBudgetPerUnitYuan", 800_000);
    round.put("evaluationPoolYuan", 400_000);
    round.put("openTenderThresholdYuan", 1_000_000);
    round.put("minimumFullTimeMembers", 5);
    round.put("minimumProfessionalPercent", 0);
    round.put("trancheSplit", "30/40/30");
    round.put("contractStartDate", "2016-09-01");
    round.put("signDeadline", "2016-08-31");
    round.put(
        "evaluationWeights", Map.of("expert", 60, "purchaser", 20, "resident", 20, "twoWay", 0));
    return round;
  }

  static List<String> unitCodes() {
    return KunshanUnits.all().stream().map(ProcurementUnit::code).toList();
  }
}
