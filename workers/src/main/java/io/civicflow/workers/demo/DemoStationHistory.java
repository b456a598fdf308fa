package io.civicflow.workers.demo;

import static io.civicflow.workers.demo.DemoHistory.at;

import io.civicflow.workers.registry.CaseEntry;
import io.civicflow.workers.registry.CaseRecords;
import io.civicflow.workers.registry.CaseStep;
import io.civicflow.workers.registry.IncubationEntry;
import io.civicflow.workers.registry.IncubationRecords;
import io.civicflow.workers.registry.IncubationStage;
import io.civicflow.workers.registry.ServiceRequestEntry;
import io.civicflow.workers.registry.ServiceRequestEvent;
import io.civicflow.workers.registry.ServiceRequestRecords;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The demo's station history (with {@link DemoHistory}'s round): the town station's past two years,
 * so its charts and exports have content.
 */
public final class DemoStationHistory {

  private DemoStationHistory() {}

  /**
   * The town station's past two years, so its charts and exports have content: six organisations
   * through incubation (four admitted, two graduated, one exited, two rejected), a dozen cases and
   * twenty service requests in four districts, three of them past their SLA.
   */
  public static int writeStation(
      IncubationRecords incubations, CaseRecords cases, ServiceRequestRecords requests) {
    int count = 0;
    String[][] orgs = {
      {"ORG-20170310-3a91c2", "张浦镇银龄互助会", "张浦镇"},
      {"ORG-20170315-7be204", "周市镇邻里守望志愿队", "周市镇"},
      {"ORG-20170322-c0d9e1", "陆家镇亲子成长社", "陆家镇"},
      {"ORG-20170405-52af77", "巴城镇湖畔环保社", "巴城镇"},
      {"ORG-20170412-9e18b3", "千灯镇古镇文化社", "千灯镇"},
      {"ORG-20170420-d4c6a0", "周庄镇水乡助残服务队", "周庄镇"}
    };
    for (int i = 0; i < orgs.length; i++) {
      String[] o = orgs[i];
      Instant applied = at(2017, 3 + i / 2, 10 + i, 10);
      count += stage(incubations, o, IncubationStage.APPLIED, null, "提交入驻申请", applied);
      if (i == 3 || i == 5) {
        count +=
            stage(
                incubations,
                o,
                IncubationStage.REJECTED,
                null,
                "尚未形成稳定骨干团队，建议半年后再申请",
                applied.plusSeconds(5 * 86_400L));
        continue;
      }
      Instant admitted = applied.plusSeconds(30 * 86_400L);
      count +=
          stage(
              incubations,
              o,
              IncubationStage.ADMITTED,
              BigDecimal.valueOf(72 + i * 3),
              "评审委员会同意入驻",
              admitted);
      if (i < 2) {
        count +=
            stage(
                incubations,
                o,
                IncubationStage.GRADUATED,
                BigDecimal.valueOf(80 + i * 4),
                "通过出壳评审，登记为民办非企业单位",
                admitted.plusSeconds(380 * 86_400L));
      } else if (i == 4) {
        count +=
            stage(
                incubations,
                o,
                IncubationStage.EXITED,
                null,
                "负责人迁居外地，主动退出孵化",
                admitted.plusSeconds(200 * 86_400L));
      }
    }
    String[] districts = {"张浦镇", "周市镇", "陆家镇", "巴城镇"};
    for (int i = 0; i < 12; i++) {
      String caseNo = String.format("CASE-2017%02d%02d-%06x", 3 + i % 9, 5 + i, 0xa10000 + i);
      Instant opened = at(2017 + i / 8, 3 + i % 9, 5 + i, 9);
      String district = districts[i % districts.length];
      cases.record(
          new CaseEntry(
              "case:" + caseNo + ":OPENED",
              caseNo,
              "",
              district,
              "沙溪社工站",
              "worker1",
              CaseStep.OPENED,
              "",
              "困境老人个案",
              opened,
              "worker1"));
      count++;
      if (i % 3 != 2) {
        cases.record(
            new CaseEntry(
                "case:" + caseNo + ":CLOSED",
                caseNo,
                "",
                district,
                "沙溪社工站",
                "worker1",
                CaseStep.CLOSED,
                "",
                "目标达成，结案",
                opened.plusSeconds(75 * 86_400L),
                "worker1"));
        count++;
      }
    }
    for (int i = 0; i < 20; i++) {
      String orderNo = String.format("ORD-2017%02d%02d-%06x", 1 + i % 12, 1 + i, 0xb20000 + i);
      Instant registered = at(2017 + i / 12, 1 + i % 12, 1 + i, 9);
      String district = districts[i % districts.length];
      count +=
          request(
              requests, orderNo, district, i, ServiceRequestEvent.REGISTERED, "居民来电登记", registered);
      if (i % 7 == 3) {
        count +=
            request(
                requests,
                orderNo,
                district,
                i,
                ServiceRequestEvent.ACCEPTANCE_LAPSED,
                "社工站逾期未接单，已改派",
                registered.plusSeconds(86_400L));
      }
      if (i == 9) {
        count +=
            request(
                requests,
                orderNo,
                district,
                i,
                ServiceRequestEvent.SERVICE_LAPSED,
                "超过5个工作日未上门",
                registered.plusSeconds(8 * 86_400L));
      }
      count +=
          request(
              requests,
              orderNo,
              district,
              i,
              ServiceRequestEvent.CLOSED,
              "回访满意",
              registered.plusSeconds(10 * 86_400L));
    }
    return count;
  }

  private static int stage(
      IncubationRecords incubations,
      String[] org,
      IncubationStage stage,
      BigDecimal score,
      String note,
      Instant at) {
    incubations.record(
        new IncubationEntry(
            IncubationEntry.idOf(org[0], stage), org[0], org[1], org[2], stage, score, note, at));
    return 1;
  }

  private static int request(
      ServiceRequestRecords requests,
      String orderNo,
      String district,
      int i,
      ServiceRequestEvent event,
      String note,
      Instant at) {
    requests.record(
        new ServiceRequestEntry(
            "request:" + orderNo + ":" + event,
            orderNo,
            district,
            "第" + (1 + i % 5) + "社区",
            i % 2 == 0 ? "高龄空巢（独居）老人" : "低收入家庭",
            i % 5 == 0,
            event,
            "worker" + (1 + i % 2),
            note,
            at,
            "",
            null));
    return 1;
  }
}
