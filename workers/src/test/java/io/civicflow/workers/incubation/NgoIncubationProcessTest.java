package io.civicflow.workers.incubation;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.civicflow.workers.testing.StationProcesses.canonical;
import static io.civicflow.workers.testing.StationProcesses.months;
import static io.civicflow.workers.testing.StationProcesses.variable;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.process.test.api.CamundaAssert;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.registry.IncubationEntry;
import io.civicflow.workers.registry.IncubationRecords;
import io.civicflow.workers.registry.IncubationStage;
import io.civicflow.workers.registry.ProviderEntry;
import io.civicflow.workers.registry.ProviderRegistration;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import io.civicflow.workers.testing.StationProcesses;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * ngo-incubation with the real workers (DOMAIN.md §2, §6): apply → screen within 5 working days →
 * site visit and committee → agreement → 12 months with quarterly and mid-term reviews → graduation
 * into the provider register, or one extension and an exit at 24 months. The engine clock starts on
 * Monday 3 March 2025, 09:00 in Shanghai, and is moved, never waited for.
 */
@EmbeddedEngineProcessTest
class NgoIncubationProcessTest {

  private static final LocalDate MOVE_IN = LocalDate.of(2025, 3, 3);

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private ProviderRegistry registry;
  @Autowired private IncubationRecords incubations;
  @Autowired private Outbox outbox;

  @BeforeEach
  void startOnAMondayMorning() {
    processTest.setTime(StationProcesses.MONDAY_MORNING);
    CamundaAssert.setAssertionTimeout(StationProcesses.ASSERTION_TIMEOUT);
  }

  @AfterEach
  void defaultAssertionTimeout() {
    CamundaAssert.setAssertionTimeout(CamundaAssert.DEFAULT_ASSERTION_TIMEOUT);
  }

  @Test
  void
      anAdmittedOrganisationPassesFourQuarterlyReviewsGraduatesAfterTwelveMonthsAndBecomesAProvider() {
    for (String account : List.of("linli1", "linli2")) {
      createUser(account);
    }
    ProcessInstanceEvent incubation = apply("沙溪镇邻里互助会", "REGISTERED", "linli1，linli2");
    String orgId = variable(client, incubation, "orgId", String.class);
    admit(incubation, null);
    // admitted: the accounts the application named are its organisation's group
    assertThat(incubation).hasCompletedElements("Task_GrantIncubateeAccess");
    assertThat(members("provider-" + orgId)).containsExactly("linli1", "linli2");

    incubateOneYear(incubation, MOVE_IN, 0);
    assertThat(incubation)
        .hasCompletedElement("SubProcess_Incubation", 1)
        .hasActiveElements("Task_GraduationReview")
        .hasVariable("quarterlyReviewsDone", 4);
    assertThat(UserTaskSelectors.byElementId("Task_GraduationReview"))
        .hasCandidateGroup("incubation-panel");
    processTest.completeUserTask(
        "Task_GraduationReview", Map.of("graduation", graduation(true, 82)));

    assertThat(incubation)
        .hasVariable("graduationOutcome", "GRADUATE")
        .hasCompletedElements("Task_RegisterProvider", "Task_GrantProviderAccess")
        .hasActiveElements("SubProcess_FollowUps");
    // graduated: the same group, the same people, nothing added twice
    assertThat(members("provider-" + orgId)).containsExactly("linli1", "linli2");
    ProviderEntry provider = registry.provider(orgId).orElseThrow();
    assertThat(provider.name()).isEqualTo("沙溪镇邻里互助会");
    assertThat(provider.source()).isEqualTo(ProviderRegistration.SOURCE_INCUBATION);
    // graduated twelve months and a week after moving in on 3 March 2025
    assertThat(provider.recordedAt().atZone(ProcessTime.ZONE).toLocalDate())
        .hasToString("2026-03-10");

    // 扶上马再送一程: visits three and six months after graduation
    for (int visit = 1; visit <= 2; visit++) {
      processTest.increaseTime(months(processTest, 3));
      processTest.completeUserTask(
          "Task_FollowUp", Map.of("followUpStatus", "OPERATING_WELL", "followUpNotes", "运营良好"));
      assertThat(incubation).hasCompletedElement("Task_FollowUp", visit);
    }
    assertThat(incubation)
        .isCompleted()
        .hasCompletedElements("EndEvent_Graduated")
        .hasCompletedElement("Timer_QuarterlyReview", 4)
        .hasCompletedElement("Task_MidTermReview", 1)
        .hasNotActivatedElements(
            "Task_ExtendIncubation", "Task_ScheduleExit", "Task_RegistrationOverdue");
    assertThat(
            incubations.historyOf(orgId).stream()
                .filter(e -> e.stage() == IncubationStage.REVIEWED))
        .hasSize(4);
  }

  @Test
  void anOrganisationExtendedOnceExitsAtTwentyFourMonthsAndHandsTheSpaceBack() {
    ProcessInstanceEvent incubation = apply("浏河镇青少年成长营", "UNREGISTERED");
    String orgId = variable(client, incubation, "orgId", String.class);
    admit(incubation, "2025-08-29");

    incubateOneYear(incubation, MOVE_IN, 0);
    // the registration deadline (29 August 2025) fell in the second quarter and was handled there
    assertThat(incubation).hasCompletedElement("Task_RegistrationOverdue", 1);
    processTest.completeUserTask(
        "Task_GraduationReview", Map.of("graduation", graduation(true, 65)));
    assertThat(incubation)
        .hasVariable("graduationOutcome", "EXTEND")
        .hasCompletedElement("Task_ExtendIncubation", 1)
        .hasVariable("monthsIncubated", 24)
        .hasVariable("extended", true)
        .hasVariable("incubationEnd", "2027-03-10T09:00:00+08:00");

    incubateOneYear(incubation, MOVE_IN.plusMonths(12), 4);
    processTest.completeUserTask(
        "Task_GraduationReview", Map.of("graduation", graduation(false, 68)));

    assertThat(incubation)
        .hasVariable("graduationOutcome", "EXIT")
        .hasCompletedElements("Task_ScheduleExit")
        .hasActiveElements("Task_HandBackSpace");
    String returnBy = variable(client, incubation, "spaceReturnDeadline", String.class);
    // 15 working days after the exit decision on Wednesday 10 March 2027
    assertThat(returnBy).isEqualTo("2027-03-31T17:00:00+08:00");
    assertThat(UserTaskSelectors.byElementId("Task_HandBackSpace"))
        .hasCandidateGroup("station-shaxi")
        .hasDueDate(canonical(returnBy));
    processTest.completeUserTask(
        "Task_HandBackSpace", Map.of("spaceReturned", true, "returnDate", "2027-03-24"));

    assertThat(incubation)
        .isCompleted()
        .hasCompletedElements("Task_RecordExit", "EndEvent_Exited")
        .hasCompletedElement("Task_GraduationReview", 2)
        .hasCompletedElement("Timer_QuarterlyReview", 8)
        .hasCompletedElement("Task_MidTermReview", 2)
        .hasNotActivatedElements("Task_RegisterProvider", "EndEvent_Graduated");
    assertThat(registry.provider(orgId)).isEmpty();
    assertThat(incubations.historyOf(orgId))
        .filteredOn(e -> e.stage() == IncubationStage.EXITED)
        .singleElement()
        .extracting(IncubationEntry::note)
        .isEqualTo("退出原因：未通过出壳评审；场地已交还（2027-03-24）");
  }

  @Test
  void anIncubateeFoundInBreachOfItsAgreementExitsEarlyAndHandsTheSpaceBack() {
    ProcessInstanceEvent incubation = apply("璜泾镇社区书画社", "REGISTERED");
    String orgId = variable(client, incubation, "orgId", String.class);
    admit(incubation, null);

    // support asked for at the front desk, through the form (no REST call)
    ProcessInstanceEvent support =
        request(
            Map.of(
                "orgId", orgId,
                "requestKind", "SUPPORT",
                "supportType", "项目开发",
                "content", "希望协助设计社区书画公益课程"));
    assertThat(support).isCompleted().hasVariable("publishedMessage", "SupportRequested");
    assertThat(incubation)
        .hasActiveElements("Task_ProvideSupport")
        .hasVariable("supportRequest", "项目开发：希望协助设计社区书画公益课程");
    processTest.completeUserTask(
        "Task_ProvideSupport",
        Map.of(
            "supportType",
            "PROJECT_DEVELOPMENT",
            "supportDate",
            "2025-03-05",
            "content",
            "共同梳理课程方案"));

    advanceTo(MOVE_IN.plusMonths(3), LocalTime.of(9, 0));
    processTest.completeUserTask(
        "Task_QuarterlyReview", Map.of("reviewScore", 66, "progressSummary", "第1季度：开展活动2场"));
    assertThat(incubation).hasVariable("quarterlyReviewsDone", 1);

    // a week later a resident complains, through the same form; the station finds a breach
    processTest.increaseTime(Duration.ofDays(7));
    request(
        Map.of(
            "orgId", orgId,
            "requestKind", "COMPLAINT",
            "complainant", "居民 王先生",
            "content", "在社团馆场地开办收费书法培训班"));
    assertThat(incubation).hasActiveElements("Task_HandleComplaint");
    assertThat(UserTaskSelectors.byElementId("Task_HandleComplaint"))
        .hasCandidateGroup("station-shaxi");
    processTest.completeUserTask(
        "Task_HandleComplaint",
        Map.of(
            "complaintUpheld", true,
            "complaintHandling", "经核实，该社利用孵化场地开展营利性培训，违反入驻协议第六条",
            "breachFound", true));

    assertThat(incubation)
        .hasCompletedElements(
            "Task_RecordComplaint", "Task_RequestBreachExit", "Message_ExitDuringIncubation")
        .hasTerminatedElements("SubProcess_Incubation")
        .hasActiveElements("Task_HandBackSpace")
        .hasVariable("exitReason", "BREACH")
        .hasVariable("exitReasonLabel", "违反入驻协议");
    String returnBy = variable(client, incubation, "spaceReturnDeadline", String.class);
    // 15 working days after Tuesday 10 June 2025
    assertThat(returnBy).isEqualTo("2025-07-01T17:00:00+08:00");
    assertThat(UserTaskSelectors.byElementId("Task_HandBackSpace"))
        .hasCandidateGroup("station-shaxi")
        .hasDueDate(canonical(returnBy));
    processTest.completeUserTask(
        "Task_HandBackSpace", Map.of("spaceReturned", true, "returnDate", "2025-06-20"));

    assertThat(incubation)
        .isCompleted()
        .hasCompletedElements("Task_RecordExit", "EndEvent_Exited")
        .hasCompletedElement("Timer_QuarterlyReview", 1)
        .hasNotActivatedElements(
            "Task_MidTermReview", "Task_GraduationReview", "Task_RegisterProvider");
    assertThat(registry.provider(orgId)).isEmpty();
    List<IncubationEntry> history = incubations.historyOf(orgId);
    assertThat(history)
        .filteredOn(e -> e.stage() == IncubationStage.COMPLAINT_HANDLED)
        .singleElement()
        .extracting(IncubationEntry::note)
        .asString()
        .startsWith("投诉人：居民 王先生；内容：在社团馆场地开办收费书法培训班；投诉属实");
    assertThat(history)
        .filteredOn(e -> e.stage() == IncubationStage.EXITED)
        .singleElement()
        .extracting(IncubationEntry::note)
        .isEqualTo("退出原因：违反入驻协议；场地已交还（2025-06-20）");
  }

  @Test
  void anOrganisationWithdrawingDuringItsGraduationReviewExitsWithoutAReviewResult() {
    ProcessInstanceEvent incubation = apply("浮桥镇志愿者联合会", "REGISTERED");
    String orgId = variable(client, incubation, "orgId", String.class);
    admit(incubation, null);
    incubateOneYear(incubation, MOVE_IN, 0);

    request(
        Map.of(
            "orgId", orgId,
            "requestKind", "EXIT",
            "exitReason", "WITHDRAWAL",
            "content", "机构并入县级志愿者协会，申请退出孵化"));

    assertThat(incubation)
        .hasCompletedElements("Message_ExitDuringGraduationReview")
        .hasTerminatedElements("Task_GraduationReview")
        .hasActiveElements("Task_HandBackSpace")
        .hasVariable("exitReason", "WITHDRAWAL");
    processTest.completeUserTask(
        "Task_HandBackSpace", Map.of("spaceReturned", true, "returnDate", "2026-03-13"));
    assertThat(incubation).isCompleted().hasNotActivatedElements("Task_GraduationDecision");
    assertThat(incubations.historyOf(orgId))
        .filteredOn(e -> e.stage() == IncubationStage.EXITED)
        .singleElement()
        .extracting(IncubationEntry::note)
        .isEqualTo("退出原因：机构申请退出；场地已交还（2026-03-13）");
  }

  @Test
  void anApplicantFailingTheScreenIsToldInWritingWithinFiveWorkingDays() {
    ProcessInstanceEvent incubation = apply("双凤镇文体队", "UNREGISTERED");
    String orgId = variable(client, incubation, "orgId", String.class);
    String deadline = variable(client, incubation, "screeningDeadline", String.class);
    // applied on Monday 3 March 2025: five working days later is Monday 10 March, 17:00
    assertThat(deadline).isEqualTo("2025-03-10T17:00:00+08:00");
    assertThat(UserTaskSelectors.byElementId("Task_ScreenEligibility"))
        .hasCandidateGroup("station-shaxi")
        .hasDueDate(canonical(deadline));

    processTest.increaseTime(Duration.ofDays(3));
    processTest.completeUserTask(
        "Task_ScreenEligibility", Map.of("eligible", false, "screeningReason", "申请材料缺少组织章程和成员名单"));

    assertThat(incubation)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "Task_ScreenEligibility",
            "Gateway_Eligible",
            "Task_NotifyNotEligible",
            "EndEvent_NotEligible")
        .hasNotActivatedElements("Task_SiteVisit");
    OutboxMessage notice =
        outbox.find("notify.incubation-rejected", orgId).stream().findFirst().orElseThrow();
    // the station that screened it tells the applicant in writing, and its people if it has a group
    assertThat(notice.recipientGroup()).isEqualTo("station-shaxi,org:" + orgId);
    assertThat(notice.title()).isEqualTo("双凤镇文体队：孵化申请未通过资格初审。申请材料缺少组织章程和成员名单");
    assertThat(notice.body()).contains("资格初审时限（5个工作日）：" + deadline);
    assertThat(notice.postedAt()).isBefore(Instant.parse("2025-03-10T09:00:00Z"));
  }

  // ------------------------------------------------------------------------------------------

  private void createUser(String username) {
    try {
      client
          .newCreateUserCommand()
          .username(username)
          .password("demo")
          .name("邻里互助会 " + username)
          .email(username + "@linli.example.org.cn")
          .send()
          .join();
    } catch (io.camunda.client.api.command.ProblemException e) {
      if (e.code() != 409) {
        throw e;
      }
    }
  }

  private List<String> members(String groupId) {
    return client.newUsersByGroupSearchRequest(groupId).send().join().items().stream()
        .map(io.camunda.client.api.search.response.GroupUser::getUsername)
        .sorted()
        .toList();
  }

  private ProcessInstanceEvent apply(String name, String registrationStatus) {
    return apply(name, registrationStatus, null);
  }

  /**
   * @param accountUsers the organisation's own accounts as the form's field has them, or null
   */
  private ProcessInstanceEvent apply(String name, String registrationStatus, String accountUsers) {
    Map<String, Object> application = new HashMap<>();
    if (accountUsers != null) {
      application.put("accountUsers", accountUsers);
    }
    application.put("organisationName", name);
    application.put("registrationStatus", registrationStatus);
    application.put("orgId", "");
    application.put("station", "shaxi");
    application.put("field", "COMMUNITY_GOVERNANCE");
    application.put("teamSize", 6);
    application.put("fullTimeStaff", 1);
    application.put("contactPerson", "陈晓");
    application.put("contactPhone", "13812345678");
    application.put("plan", "面向社区开展邻里互助、议事协商和志愿服务，逐步形成品牌项目");
    application.put("documents", List.of("CHARTER", "MEMBER_LIST", "DEVELOPMENT_PLAN"));
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("ngo-incubation")
            .latestVersion()
            .variables(application)
            .send()
            .join();
    assertThat(instance)
        .hasCompletedElements("Task_RegisterApplication")
        .hasActiveElements("Task_ScreenEligibility");
    return instance;
  }

  /** The station's front desk registers a request through the incubation-request form. */
  private ProcessInstanceEvent request(Map<String, Object> form) {
    ProcessInstanceEvent request =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("incubation-request")
            .latestVersion()
            .variables(form)
            .send()
            .join();
    assertThat(request).isCompleted().hasCompletedElements("Task_SubmitRequest");
    return request;
  }

  /** Screening, site visit, the committee's votes and the agreement, moving in today. */
  private void admit(ProcessInstanceEvent incubation, String registrationDeadline) {
    processTest.completeUserTask(
        "Task_ScreenEligibility", Map.of("eligible", true, "screeningNotes", "材料齐全"));
    processTest.completeUserTask(
        "Task_SiteVisit",
        Map.of("visitDate", "2025-03-05", "siteVisitScore", 85, "findings", "团队稳定，活动记录完整"));
    assertThat(incubation).hasCompletedElements("Task_FormCommittee");
    @SuppressWarnings("unchecked")
    List<String> committee = variable(client, incubation, "committee", List.class);
    assertThat(committee).hasSize(3);
    for (int vote = 0; vote < committee.size(); vote++) {
      processTest.completeUserTask(
          "Task_CommitteeReview", Map.of("admit", true, "score", 78, "comments", "同意入驻"));
    }
    assertThat(incubation).hasVariable("admitted", true).hasActiveElements("Task_SignAgreement");
    Map<String, Object> agreement = new HashMap<>();
    agreement.put("agreementNo", "LS-2025-001");
    agreement.put("spaceNo", "邻里社团馆 A-03");
    agreement.put("moveInDate", "2025-03-03");
    agreement.put("incubationMonths", 12);
    if (registrationDeadline != null) {
      agreement.put("registrationDeadline", registrationDeadline);
    }
    processTest.completeUserTask("Task_SignAgreement", agreement);
    assertThat(incubation)
        .hasCompletedElements("Task_PlanIncubation")
        .hasActiveElements("SubProcess_Incubation");
  }

  /**
   * One incubation year from {@code periodStart} (the move-in date, or where the months of an
   * extension start): four quarterly reviews three months apart at 09:00, the mid-term review at
   * 10:00 six months in, a registration overdue if it fell due, and the week of grace to the end.
   */
  private void incubateOneYear(
      ProcessInstanceEvent incubation, LocalDate periodStart, int reviewsBefore) {
    for (int quarter = 1; quarter <= 4; quarter++) {
      advanceTo(periodStart.plusMonths(3L * quarter), LocalTime.of(9, 0));
      processTest.completeUserTask(
          "Task_QuarterlyReview",
          Map.of(
              "reviewScore", 70 + quarter, "progressSummary", "第" + quarter + "季度：开展活动6场，服务120人次"));
      assertThat(incubation)
          .hasCompletedElement("Task_RecordQuarterlyReview", reviewsBefore + quarter)
          .hasVariable("quarterlyReviewsDone", reviewsBefore + quarter);
      if (quarter == 2) {
        advanceTo(periodStart.plusMonths(6), LocalTime.of(10, 0));
        processTest.completeUserTask(
            "Task_MidTermReview",
            Map.of(
                "midTermScore",
                75,
                "midTermFindings",
                "按计划推进",
                "midTermRecommendation",
                "CONTINUE"));
        if (Boolean.FALSE.equals(variable(client, incubation, "registered", Boolean.class))) {
          processTest.completeUserTask(
              "Task_RegistrationOverdue",
              Map.of(
                  "registered", true, "overdueAction", "REGISTERED_LATE", "overdueNote", "已补办登记"));
        }
      }
    }
    advanceTo(periodStart.plusMonths(12).plusDays(7), LocalTime.of(9, 0));
    assertThat(incubation).hasActiveElements("Task_GraduationReview");
  }

  /** Moves the engine clock to a minute past {@code time} on {@code day}, Shanghai time. */
  private void advanceTo(LocalDate day, LocalTime time) {
    Instant target = ProcessTime.at(day, time).plusMinutes(1).toInstant();
    processTest.increaseTime(Duration.between(processTest.getCurrentTime(), target));
  }

  private static Map<String, Object> graduation(boolean checklistMet, int expertScore) {
    Map<String, Object> graduation = new HashMap<>();
    graduation.put("registered", true);
    graduation.put("governance", true);
    graduation.put("finance", checklistMet);
    graduation.put("fullTimeStaff", 2);
    graduation.put("signatureProject", true);
    graduation.put("independentFunding", checklistMet);
    graduation.put("expertScore", expertScore);
    graduation.put("comments", checklistMet ? "达到出壳标准" : "财务与筹资能力不足");
    return graduation;
  }
}
