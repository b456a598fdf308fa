package io.civicflow.workers.demo;

import io.camunda.client.CamundaClient;
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
 * The station's shipped demo data: for the two demo stations (沙溪镇 shaxi, 城厢镇 chengxiang; {@code
 * civicflow.stations}) two residents' service requests each, one case each, a group and a resident
 * on the outreach roster, so the station's task lists and the analysts' volumes per district are
 * not empty on the first run. Started with the demo round ({@code civicflow.demo.round=true}),
 * after it (the clock already moved), once: not if a service request exists.
 */
@Component
@Order(110) // after DemoRound
@ConditionalOnProperty(name = "civicflow.demo.round", havingValue = "true")
public class DemoStations implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoStations.class);

  private final CamundaClient client;

  public DemoStations(CamundaClient client) {
    this.client = client;
  }

  @Override
  public void run(ApplicationArguments args) {
    long requests =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId("service-dispatch"))
            .send()
            .join()
            .page()
            .totalItems();
    if (requests > 0) {
      LOG.info("Demo data: {} service request(s) exist already; no station data started", requests);
      return;
    }
    for (Map<String, Object> request : serviceRequests()) {
      start("service-dispatch", request);
    }
    for (Map<String, Object> caseFile : cases()) {
      start("case-work", caseFile);
    }
    start("group-work", group());
    start("resident-outreach", outreach());
    LOG.info("Demo data: started the stations' service requests, cases, group and outreach");
  }

  private void start(String processId, Map<String, Object> variables) {
    client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join();
  }

  /** As the service-request start form would submit them. */
  static List<Map<String, Object>> serviceRequests() {
    return List.of(
        request(
            "GRID_WORKER",
            "王秀英",
            "ELDERLY_LIVING_ALONE",
            "印溪社区",
            "独居老人家中电线老化，需上门检查并链接维修",
            "NORMAL"),
        request(
            "BUILDING_HEAD", "李小军", "CHILD_IN_DIFFICULTY", "沙南社区", "父母外出务工，孩子放学后无人看护", "NORMAL"),
        request("SOCIAL_WORKER", "赵国强", "DISABLED", "胜利社区", "残疾人家庭申请康复辅具，需协助办理", "NORMAL"),
        request("GRID_WORKER", "孙梅", "DOMESTIC_VIOLENCE", "洛阳社区", "邻居反映夜间争吵并有哭喊声", "URGENT"));
  }

  private static Map<String, Object> request(
      String reporterType,
      String residentName,
      String residentCategory,
      String community,
      String description,
      String urgency) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("reporterType", reporterType);
    request.put("residentName", residentName);
    request.put("residentCategory", residentCategory);
    request.put("community", community);
    request.put("description", description);
    request.put("urgency", urgency);
    return request;
  }

  /** As the case-intake start form would submit them. */
  static List<Map<String, Object>> cases() {
    return List.of(
        caseFile("张德明", "EMPTY_NEST_ELDERLY", "岳王社区", "shaxi", "worker1", "老伴去世后情绪低落，拒绝外出"),
        caseFile("刘晓雨", "LEFT_BEHIND_CHILD", "新毛社区", "chengxiang", "worker3", "学习成绩下滑，与祖父母沟通困难"));
  }

  private static Map<String, Object> caseFile(
      String residentName,
      String residentCategory,
      String community,
      String station,
      String caseWorker,
      String presentingProblem) {
    Map<String, Object> caseFile = new LinkedHashMap<>();
    caseFile.put("residentName", residentName);
    caseFile.put("residentCategory", residentCategory);
    caseFile.put("community", community);
    caseFile.put("referralType", "SELF");
    caseFile.put("station", station);
    caseFile.put("caseWorker", caseWorker);
    caseFile.put("presentingProblem", presentingProblem);
    return caseFile;
  }

  /** As the group-plan start form would submit it; the station head's approval waits. */
  static Map<String, Object> group() {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("groupName", "城厢镇困境儿童家长支持小组");
    group.put("groupType", "SUPPORT");
    group.put("station", "chengxiang");
    group.put("groupWorker", "worker3");
    group.put("targetGroup", "困境儿童家长");
    group.put("goals", "提升亲子沟通能力，建立家长互助网络");
    group.put("memberNames", "陈丽\n周强\n吴芳\n郑海燕\n钱伟");
    group.put("plannedSessions", 6);
    group.put("sessionIntervalDays", 7);
    return group;
  }

  /** As the outreach-enrolment start form would submit it. */
  static Map<String, Object> outreach() {
    Map<String, Object> resident = new LinkedHashMap<>();
    resident.put("residentName", "周桂芳");
    resident.put("residentCategory", "ELDERLY_OVER_80");
    resident.put("station", "shaxi");
    resident.put("community", "涂松村");
    resident.put("listingNote", "87岁，与老伴同住，行动不便");
    return resident;
  }
}
