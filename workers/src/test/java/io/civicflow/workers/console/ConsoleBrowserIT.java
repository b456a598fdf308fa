package io.civicflow.workers.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.civicflow.workers.outbox.Inbox;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.testing.AuthenticatedUsers;
import io.civicflow.workers.testing.EmbeddedEngineTestInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The console in a real browser (Debian's Chromium, driven by Playwright) against the application
 * with its embedded engine on free ports, a temporary data directory and a controllable clock. An
 * official of the civil affairs bureau fills the linked form of her task and the process moves on
 * to the district office; an analyst finds the instance by its contract number and sees the active
 * element marked in the diagram; a user outside the candidate group does not see the task.
 * Screenshots go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
// authentication on: every user logs in against the engine's built-in users, the application's
// client as
// civicflow-workers
@ContextConfiguration(initializers = EmbeddedEngineTestInitializer.WithAuthentication.class)
// the separation test moves the engine clock to 2016: it runs last
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

  private static final String PROCESS_ID = "console-test-approval";
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("civicflow.screenshots", "target/screenshots"));

  private static Playwright playwright;
  private static BrowserContext browser;
  private static Path userDataDir;

  @Autowired private CamundaClient client;
  @Autowired private Outbox outbox;
  @Autowired private Inbox inbox;

  @Value("${server.port}")
  private int port;

  @Value("${management.server.port}")
  private int managementPort;

  private final List<Page> pages = new ArrayList<>();

  @BeforeAll
  static void startBrowser() throws IOException {
    Files.createDirectories(SCREENSHOTS);
    userDataDir = Files.createTempDirectory("civicflow-chromium");
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    // Debian's Chromium, never Playwright's download; as root it needs --no-sandbox
    browser =
        playwright
            .chromium()
            .launchPersistentContext(
                userDataDir,
                new BrowserType.LaunchPersistentContextOptions()
                    .setExecutablePath(
                        Path.of(System.getProperty("civicflow.chromium", "/usr/bin/chromium")))
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--headless",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run"))
                    .setLocale("zh-CN")
                    .setTimezoneId("Asia/Shanghai")
                    .setViewportSize(1440, 900));
    browser.setDefaultTimeout(15_000);
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
  }

  @BeforeEach
  void deployTheTestProcess() {
    // identical content deploys as the same version, so every test may do this
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath("console/console-test-approval.bpmn")
        .addResourceFromClasspath("console/console-test-review.form")
        .addResourceFromClasspath("console/console-test-application.form")
        .addResourceFromClasspath("console/console-test-notice.bpmn")
        .addResourceFromClasspath("console/console-test-documents.bpmn")
        .addResourceFromClasspath("console/console-test-upload.form")
        .addResourceFromClasspath("console/console-test-preview.form")
        .send()
        .join();
  }

  @AfterEach
  void closePages() {
    pages.forEach(Page::close);
    pages.clear();
  }

  @Test
  void anOfficialStartsAnApplicationCompletesItsReviewAndAnAnalystSeesTheProcessMoveOn() {
    // the civil affairs official files an application through the process's start form
    Page civil = loginAs("civil1");
    civil.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("发起流程")).click();
    civil.locator("tr[data-process-id='" + PROCESS_ID + "']").getByRole(AriaRole.LINK).click();
    Locator startForm = civil.getByTestId("start-form");
    startForm.getByLabel("申请机构").fill("昆山市阳光社工服务社");
    startForm.getByLabel("合同编号").fill("0815");
    startForm.getByLabel("申请金额（元）").fill("800000");
    civil.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发起")).click();
    assertThat(startForm.locator(".fjs-form-field-error")).containsText("格式不符合要求");
    screenshot(civil, "00-start-form-invalid.png");
    startForm.getByLabel("合同编号").fill("KS-2026-0815");
    civil.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发起")).click();
    assertThat(civil.locator("#flash")).containsText("已发起");
    long instance = Long.parseLong(civil.locator("#flash").getAttribute("data-instance-key"));

    // she sees the review task of her group, claims it and finds the form filled in
    Locator row = taskRow(civil, instance, "Task_ReviewApplication");
    assertThat(row).containsText("民政局审核申请");
    assertThat(row).containsText("即将到期");
    screenshot(civil, "01-task-list.png");

    row.getByRole(AriaRole.LINK).click();
    claim(civil);
    assertThat(civil.getByTestId("assignee")).hasText("civil1");
    Locator form = civil.getByTestId("task-form");
    assertThat(form.getByLabel("申请机构")).hasValue("昆山市阳光社工服务社");
    assertThat(form.getByLabel("合同编号")).hasValue("KS-2026-0815");

    // the form's own validation stops an incomplete submission
    civil.getByTestId("complete").click();
    assertThat(civil.locator("#flash")).containsText("表单有未填写");
    assertThat(form.locator(".fjs-form-field-error").first()).containsText("此项为必填项");
    assertThat(form.locator(".fjs-form-field-error").first()).isVisible();
    screenshot(civil, "02-task-form-invalid.png");

    form.getByLabel("通过").check();
    form.getByLabel("审核意见").fill("材料齐全，同意立项。");
    form.getByLabel("审核意见").press("Tab"); // form-js validates a field again when it loses focus
    assertThat(form.locator(".fjs-form-field-error")).hasCount(0);
    assertThat(civil.locator("#flash")).isHidden();
    screenshot(civil, "03-task-form-filled.png");
    civil.getByTestId("complete").click();

    assertThat(civil.locator("#flash")).containsText("已完成");
    assertThat(civil.locator("tr[data-instance-key='" + instance + "']")).hasCount(0);
    screenshot(civil, "04-task-list-after-completion.png");

    // the form's data became process variables and the process moved on to the district office
    UserTask next = openTask(instance);
    assertThat(next.getElementId()).isEqualTo("Task_DistrictConfirm");
    Page district = loginAs("district1");
    assertThat(taskRow(district, instance, "Task_DistrictConfirm")).containsText("区镇确认场地");

    // the analyst finds the instance by its contract number and sees where it stands
    Page analyst = loginAs("analyst");
    analyst.navigate(url("#/processes"));
    analyst.getByLabel("变量名").fill("contractNo");
    analyst.getByLabel("变量值").fill("KS-2026-0815");
    analyst.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查询")).click();
    Locator instances = analyst.getByTestId("instance-table").locator("tbody tr");
    assertThat(instances).hasCount(1);
    screenshot(analyst, "05-process-instances.png");

    instances.first().getByRole(AriaRole.LINK).click();
    Locator diagram = analyst.getByTestId("instance-diagram");
    assertThat(diagram).hasAttribute("data-marked", "true");
    assertThat(diagram.locator("g.djs-element.cf-active[data-element-id='Task_DistrictConfirm']"))
        .hasCount(1);
    assertThat(
            diagram.locator("g.djs-element.cf-completed[data-element-id='Task_ReviewApplication']"))
        .hasCount(1);
    assertThat(analyst.getByTestId("variable-table").locator("tr[data-variable='reviewComment']"))
        .containsText("材料齐全，同意立项。");
    assertThat(
            analyst
                .getByTestId("history-table")
                .locator("tr[data-element-id='Task_DistrictConfirm']"))
        .containsText("进行中");
    screenshot(analyst, "06-process-instance.png");

    analyst.navigate(url("#/dashboards"));
    assertThat(analyst.locator("[data-chart='instances-by-process']"))
        .hasAttribute("data-drawn", "true");
    screenshot(analyst, "07-dashboards.png");
  }

  @Test
  void anOfficialCompilesTheNeedsBookOfTheKunshanRoundAndAnAnalystSeesTheRoundMoveOn() {
    // the shipped Kunshan 2016 round, its needs survey done (July)
    long round =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("procurement-round")
            .latestVersion()
            .variables(io.civicflow.workers.demo.DemoRound.kunshan2016())
            .send()
            .join()
            .getProcessInstanceKey();
    UserTask survey = awaitTask(round, "Task_NeedsSurvey");
    client.newCompleteUserTaskCommand(survey.getUserTaskKey()).send().join();
    awaitTask(round, "Task_CompileNeedsBook");

    // the civil affairs official compiles the needs book in the console
    Page civil = loginAs("civil1");
    Locator row = taskRow(civil, round, "Task_CompileNeedsBook");
    assertThat(row).containsText("编制服务需求书");
    row.getByRole(AriaRole.LINK).click();
    claim(civil);
    Locator form = civil.getByTestId("task-form");
    form.getByLabel("服务内容与要求").fill("为辖区困境群体提供专业社会工作服务，培育公益组织，开展社区治理。");
    form.getByLabel("低收入家庭").check();
    form.getByLabel("高龄空巢（独居）老人").check();
    form.getByLabel("价格分权重（%）").fill("10");
    form.getByLabel("价格分权重（%）").press("Tab");
    assertThat(form.locator(".fjs-form-field-error")).hasCount(0);
    screenshot(civil, "11-needs-book.png");
    civil.getByTestId("complete").click();
    assertThat(civil.locator("#flash")).containsText("已完成");

    // the clause review found nothing (no headcount or scale conditions) and the approval awaits
    // the bureau
    UserTask approval = awaitTask(round, "Task_ApproveNeedsBook");
    assertThat(approval.getCandidateGroups()).contains("civil-affairs");

    // the analyst finds the round by its year and sees where it stands
    Page analyst = loginAs("analyst");
    analyst.navigate(url("#/processes"));
    analyst.getByLabel("变量名").fill("roundYear");
    analyst.getByLabel("变量值").fill("2016");
    analyst.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查询")).click();
    Locator instances = analyst.getByTestId("instance-table").locator("tbody tr");
    assertThat(instances).hasCount(1);
    instances.first().getByRole(AriaRole.LINK).click();
    Locator diagram = analyst.getByTestId("instance-diagram");
    assertThat(diagram).hasAttribute("data-marked", "true");
    assertThat(diagram.locator("g.djs-element.cf-active[data-element-id='Task_ApproveNeedsBook']"))
        .hasCount(1);
    assertThat(
            diagram.locator("g.djs-element.cf-completed[data-element-id='Task_CompileNeedsBook']"))
        .hasCount(1);
    screenshot(analyst, "12-round-process-view.png");
  }

  /**
   * Two providers and two experts, each logged in to the console, see only their own tasks: each
   * provider its own contract's two-way rating, each expert their own score sheet.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void twoProvidersAndTwoExpertsEachSeeOnlyTheirOwnTasks() throws Exception {
    try (AuthenticatedUsers users = new AuthenticatedUsers(port, managementPort)) {
      ProcessInstanceEvent a = evaluationOf("ZP", AuthenticatedUsers.SUNSHINE);
      ProcessInstanceEvent b = evaluationOf("ZS", AuthenticatedUsers.HENGAI);
      AuthenticatedUsers.awaitTask(client, "Task_TwoWayRating", a);
      AuthenticatedUsers.awaitTask(client, "Task_TwoWayRating", b);

      Page provider1 = loginAs("provider1");
      assertThat(taskRow(provider1, a.getProcessInstanceKey(), "Task_TwoWayRating")).isVisible();
      assertThat(provider1.locator("tr[data-instance-key='" + b.getProcessInstanceKey() + "']"))
          .hasCount(0);
      screenshot(provider1, "13-provider1-own-tasks.png");
      Page provider2 = loginAs("provider2");
      assertThat(taskRow(provider2, b.getProcessInstanceKey(), "Task_TwoWayRating")).isVisible();
      assertThat(provider2.locator("tr[data-instance-key='" + a.getProcessInstanceKey() + "']"))
          .hasCount(0);

      ProcessInstanceEvent unit = users.tenderedUnitAtScoring(client, "QY", "青阳城市管理片区");
      List<UserTask> sheets =
          org.awaitility.Awaitility.await()
              .atMost(AuthenticatedUsers.WAIT)
              .until(
                  () -> AuthenticatedUsers.openTasks(client, "Task_ExpertScoring", unit),
                  found -> found.size() == 5);
      List<UserTask> experts =
          sheets.stream().filter(t -> t.getAssignee().startsWith("expert")).limit(2).toList();
      for (UserTask own : experts) {
        Page expert = loginAs(own.getAssignee());
        Locator rows =
            expert.locator(
                "tr[data-instance-key='"
                    + unit.getProcessInstanceKey()
                    + "'][data-element-id='Task_ExpertScoring']");
        assertThat(rows).hasCount(1);
        assertThat(expert.locator("tr[data-task-key='" + own.getUserTaskKey() + "']")).hasCount(1);
        screenshot(expert, "14-" + own.getAssignee() + "-own-sheet.png");
      }
    }
  }

  private ProcessInstanceEvent evaluationOf(String unitCode, String providerOrgId) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("third-party-evaluation")
        .latestVersion()
        .variables(
            Map.of(
                "contractNo",
                "KS-2016-" + unitCode,
                "projectNo",
                "KSCG-2016-" + unitCode,
                "unitCode",
                unitCode,
                "providerOrgId",
                providerOrgId,
                "evaluatorOrgId",
                io.civicflow.workers.procurement.Kunshan2016.EVALUATOR,
                "milestone",
                Map.of("year", 1, "kind", "MID_TERM"),
                "evaluationWeights",
                Map.of("expert", 60, "purchaser", 20, "resident", 20, "twoWay", 0)))
        .send()
        .join();
  }

  @Test
  void theAgencyUploadsAResponseFileAndAnExpertPreviewsAndDownloadsIt() throws IOException {
    long instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("console-test-documents")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    awaitTask(instance, "Task_UploadResponse");
    byte[] pdf =
        new io.civicflow.workers.documents.PdfWriter(
                io.civicflow.workers.documents.PdfWriter.DEFAULT_FONT)
            .write(
                new io.civicflow.workers.documents.Paper(
                    "响应文件", "", List.of("昆山市阳光社会工作服务社", "报价：人民币780000.00元")));
    String fileName = "阳光社工响应文件.pdf";

    // the agency picks the scanned response file in the form and completes the task
    Page agency = loginAs("agency1");
    Locator row = taskRow(agency, instance, "Task_UploadResponse");
    row.getByRole(AriaRole.LINK).click();
    claim(agency);
    Locator form = agency.getByTestId("task-form");
    form.locator("input[type=file]")
        .setInputFiles(
            new com.microsoft.playwright.options.FilePayload(fileName, "application/pdf", pdf));
    assertThat(form.locator(".fjs-filepicker-container")).containsText(fileName);
    screenshot(agency, "15-file-picked.png");
    agency.getByTestId("complete").click();
    assertThat(agency.locator("#flash")).containsText("已完成");

    // the variable holds Camunda's document reference, with the uploader and the process instance
    awaitTask(instance, "Task_ReviewResponse");
    String value =
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(instance).name("responseFiles"))
            .send()
            .join()
            .items()
            .get(0)
            .getValue();
    List<Map<String, Object>> references =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readValue(value, new com.fasterxml.jackson.core.type.TypeReference<>() {});
    assertThat(references).hasSize(1);
    Map<String, Object> reference = references.get(0);
    assertThat(reference).containsEntry("camunda.document.type", "camunda");
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) reference.get("metadata");
    assertThat(metadata)
        .containsEntry("fileName", fileName)
        .containsEntry("contentType", "application/pdf");
    assertThat(String.valueOf(metadata.get("processInstanceKey")))
        .isEqualTo(String.valueOf(instance));
    assertThat(metadata.get("customProperties")).isEqualTo(Map.of("uploadedBy", "agency1"));

    // an expert sees the PDF inline in their task and downloads it from the task's attachments
    Page expert = loginAs("expert1");
    taskRow(expert, instance, "Task_ReviewResponse").getByRole(AriaRole.LINK).click();
    Locator preview = expert.getByTestId("task-form").locator(".fjs-form-field-documentPreview");
    assertThat(preview.locator("embed[type='application/pdf']")).hasCount(1);
    screenshot(expert, "16-document-preview.png");
    Locator attachment = expert.getByTestId("task-documents").getByTestId("document-download");
    assertThat(attachment).hasText(fileName);
    com.microsoft.playwright.Download download = expert.waitForDownload(attachment::click);
    assertThat(download.suggestedFilename()).isEqualTo(fileName);
    assertThat(Files.readAllBytes(download.path())).isEqualTo(pdf);
  }

  /**
   * Claims the open task and waits until the page shows it anew with an editable form: a claim
   * renders the task again, and anything typed or picked in the read-only form before that would be
   * dropped with it.
   */
  private static void claim(Page page) {
    // exactly "认领", the task page's button: while the list is still shown (the row's link was
    // just clicked) its tab "未认领", "认领所选" and the rows' "认领：…" also contain the word
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("认领").setExact(true))
        .click();
    assertThat(page.locator("[data-testid=task-form][data-state=editable]")).hasCount(1);
  }

  private UserTask awaitTask(long instance, String elementId) {
    return org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(120))
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(
                        f ->
                            f.processInstanceKey(instance)
                                .elementId(elementId)
                                .state(UserTaskState.CREATED))
                    .send()
                    .join()
                    .items()
                    .stream()
                    .findFirst()
                    .orElse(null),
            java.util.Objects::nonNull);
  }

  @Test
  void aUserOutsideTheCandidateGroupDoesNotSeeTheTask() {
    long instance = startApplication("KS-2026-0901");
    UserTask review = openTask(instance);

    Page district = loginAs("district1");
    assertThat(district.getByTestId("task-table").or(district.locator(".empty"))).isVisible();
    assertThat(district.locator("tr[data-instance-key='" + instance + "']")).hasCount(0);
    district.navigate(url("#/tasks/" + review.getUserTaskKey()));
    assertThat(district.locator("#view")).containsText("无权查看");
    screenshot(district, "08-not-a-candidate.png");

    Page civil = loginAs("civil1");
    assertThat(taskRow(civil, instance, "Task_ReviewApplication")).isVisible();
  }

  @Test
  void anOfficialIsToldWhenAColleagueCompletedTheTaskFirst() {
    long instance = startApplication("KS-2026-0903");
    UserTask review = openTask(instance);

    Page civil = loginAs("civil1");
    civil.navigate(url("#/tasks/" + review.getUserTaskKey()));
    claim(civil);
    Locator form = civil.getByTestId("task-form");
    form.getByLabel("驳回").check();
    form.getByLabel("审核意见").fill("材料不全，请补充。");

    // meanwhile the task is taken back and completed elsewhere (another official, or Tasklist on
    // Camunda 8)
    client
        .newAssignUserTaskCommand(review.getUserTaskKey())
        .assignee("civil2")
        .allowOverride(true)
        .send()
        .join();
    client
        .newCompleteUserTaskCommand(review.getUserTaskKey())
        .variables(Map.of("decision", "approve"))
        .send()
        .join();

    civil.getByTestId("complete").click();
    assertThat(civil.locator("#flash")).containsText("已被他人办理完毕");
    assertThat(civil.getByTestId("complete")).isDisabled();
    screenshot(civil, "11-completed-by-someone-else.png");
  }

  @Test
  void anAnalystRetriesAFailedJobAndCancelsTheInstance() {
    long instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("console-test-notice")
            .latestVersion()
            .variables(Map.of("contractNo", "KS-2026-0902"))
            .send()
            .join()
            .getProcessInstanceKey();
    ActivatedJob job = activateNoticeJob();
    client.newFailCommand(job.getKey()).retries(0).errorMessage("公告平台无响应").send().join();

    Page analyst = loginAs("analyst");
    analyst.navigate(url("#/processes"));
    analyst.getByLabel("仅有故障").check();
    analyst.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查询")).click();
    Locator row = analyst.locator("tr[data-instance-key='" + instance + "']");
    assertThat(row).containsText("故障");
    row.getByRole(AriaRole.LINK).click();

    Locator diagram = analyst.getByTestId("instance-diagram");
    assertThat(diagram.locator("g.djs-element.cf-incident[data-element-id='Task_PublishNotice']"))
        .hasCount(1);
    Locator incident = analyst.locator("tr[data-incident-key]");
    assertThat(incident).containsText("作业重试次数耗尽");
    assertThat(incident).containsText("公告平台无响应");
    screenshot(analyst, "09-incident.png");

    incident.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("重试")).click();
    assertThat(analyst.locator("#flash")).containsText("已重试");
    assertThat(analyst.locator("tr[data-incident-key]")).hasCount(0);
    assertThat(diagram.locator("g.djs-element.cf-active[data-element-id='Task_PublishNotice']"))
        .hasCount(1);
    // retries were raised before the incident was resolved, so the job can be worked on again
    assertThat(activateNoticeJob().getRetries()).isEqualTo(1);

    analyst.onceDialog(dialog -> dialog.accept());
    analyst.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("取消实例")).click();
    assertThat(analyst.locator("#flash")).containsText("实例已取消");
    assertThat(analyst.getByTestId("instance-state")).containsText("已取消");
    screenshot(analyst, "10-cancelled.png");
  }

  private ActivatedJob activateNoticeJob() {
    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType("console-test.publish-notice")
            .maxJobsToActivate(1)
            .send()
            .join()
            .getJobs();
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private long startApplication(String contractNo) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(PROCESS_ID)
        .latestVersion()
        .variables(Map.of("applicant", "昆山市阳光社工服务社", "contractNo", contractNo, "amount", 800000))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private UserTask openTask(long instance) {
    List<UserTask> tasks =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED))
            .send()
            .join()
            .items();
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  @Test
  void anAnonymousVisitorFindsTheAwardOnTheNoticeBoardAndAnOfficialSeesTheInboxCount() {
    Instant at = Instant.parse("2016-08-19T07:00:00Z");
    outbox.post(
        new OutboxMessage(
            "KSCG-2016-BROWSER:award:1",
            "notice.award",
            "KSCG-2016-BROWSER",
            OutboxMessage.PUBLIC,
            "KSCG-2016-BROWSER 成交结果公告：昆山市阳光社工服务社",
            "成交供应商：昆山市阳光社工服务社，成交金额800000.00元。",
            at));
    outbox.post(
        new OutboxMessage(
            "notify.browser-test:1",
            "notify.sign-reminder",
            "KSCG-2016-BROWSER",
            "user:civil1",
            "张浦镇服务合同须于8月31日前签订",
            "办理期限：2016-08-31",
            at));

    // no log-in: the board, the search by project number, the notice's own page
    Page visitor = browser.newPage();
    pages.add(visitor);
    visitor.navigate("http://127.0.0.1:" + port + "/notices");
    assertThat(visitor.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("政府采购公告")))
        .isVisible();
    visitor.getByLabel("项目编号").fill("KSCG-2016-BROWSER");
    visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查询")).click();
    assertThat(visitor.getByRole(AriaRole.STATUS)).containsText("共 1 条公告");
    visitor.getByText("KSCG-2016-BROWSER 成交结果公告：昆山市阳光社工服务社").click();
    assertThat(visitor.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
        .containsText("成交结果公告");
    assertThat(visitor.locator("dl")).containsText("成交供应商确定之日起2个工作日内");
    screenshot(visitor, "notice-board-award.png");

    // signed in, the official sees the unread count, opens the inbox and marks the reminder read
    Page official = loginAs("civil1");
    long unread = inbox.unread("civil1");
    assertThat(unread).isPositive();
    assertThat(official.getByTestId("inbox-count")).hasText(String.valueOf(unread));
    official.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("消息")).click();
    assertThat(official.getByText("张浦镇服务合同须于8月31日前签订")).isVisible();
    screenshot(official, "console-inbox.png");
  }

  private Page loginAs(String username) {
    Page page = browser.newPage();
    pages.add(page);
    page.navigate(url(""));
    page.getByLabel("用户名").fill(username);
    page.getByLabel("密码").fill("demo");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录")).click();
    assertThat(page.getByTestId("current-user")).containsText(username);
    return page;
  }

  private static Locator taskRow(Page page, long instance, String elementId) {
    return page.locator(
        "tr[data-instance-key='" + instance + "'][data-element-id='" + elementId + "']");
  }

  private String url(String hash) {
    return "http://127.0.0.1:" + port + "/" + hash;
  }

  private static void screenshot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(true));
  }

  // --- notices2 ---

  @Autowired private io.civicflow.workers.documents.GeneratedDocuments noticePapers;

  /**
   * An anonymous visitor finds an award by its project number, reads its structured fields and
   * opens its 成交通知书 PDF; a community liaison files a resident's complaint from its start form (no
   * REST API) and, the project number having no running contract, finds the reason in her inbox.
   */
  @Test
  void aVisitorOpensTheAwardPdfAndALiaisonFilesAComplaintFromItsStartForm() {
    io.civicflow.workers.documents.DocumentReference pdf =
        noticePapers.issue(
            new io.civicflow.workers.documents.Paper(
                "成交通知书", "编号：KSCG-2016-PDF-CJ1", List.of("昆山市阳光社工服务社：", "贵单位为本项目成交供应商。")),
            "成交通知书-KSCG-2016-PDF.pdf",
            new io.civicflow.workers.documents.DocumentProperties(
                "award-notice", "KSCG-2016-PDF", 0L),
            1L);
    outbox.post(
        new OutboxMessage(
            "KSCG-2016-PDF:award:1",
            "notice.award",
            "KSCG-2016-PDF",
            OutboxMessage.PUBLIC,
            "KSCG-2016-PDF 成交结果公告：昆山市阳光社工服务社",
            "成交供应商：昆山市阳光社工服务社。",
            Instant.parse("2016-08-19T07:00:00Z"),
            Map.of(
                "projectName", "千灯镇社区社会工作服务项目",
                "purchaser", "昆山市民政局",
                "winner", "昆山市阳光社工服务社",
                "awardedPrice", "780000.00元"),
            List.of(pdf.file())));

    Page visitor = browser.newPage();
    pages.add(visitor);
    visitor.navigate("http://127.0.0.1:" + port + "/notices");
    visitor.getByLabel("项目编号").fill("KSCG-2016-PDF");
    visitor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查询")).click();
    assertThat(visitor.getByRole(AriaRole.STATUS)).containsText("共 1 条公告");
    visitor.getByText("KSCG-2016-PDF 成交结果公告：昆山市阳光社工服务社").click();
    assertThat(visitor.locator("dl")).containsText("昆山市民政局");
    assertThat(visitor.locator("dl")).containsText("780000.00元");
    Locator link =
        visitor.getByRole(
            AriaRole.LINK, new Page.GetByRoleOptions().setName("成交通知书-KSCG-2016-PDF.pdf"));
    assertThat(link).isVisible();
    com.microsoft.playwright.APIResponse opened =
        visitor.request().get("http://127.0.0.1:" + port + link.getAttribute("href"));
    assertThat(opened.status()).isEqualTo(200);
    assertThat(opened.headers().get("content-type")).startsWith("application/pdf");
    assertThat(new String(opened.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");

    long unreadBefore = inbox.unread("liaison1");
    Page liaison = loginAs("liaison1");
    liaison.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("发起流程")).click();
    liaison.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("居民投诉登记")).click();
    assertThat(liaison.getByTestId("start-form")).containsText("居民投诉登记");
    liaison.getByLabel("项目编号").fill("KSCG-2016-XX");
    liaison.getByLabel("投诉人").fill("某社区居民王女士");
    liaison.getByLabel("投诉内容").fill("小组活动临时取消，未提前通知");
    screenshot(liaison, "console-complaint-intake.png");
    liaison.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发起")).click();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> inbox.unread("liaison1") > unreadBefore);
    liaison.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("消息")).click();
    assertThat(liaison.getByText("投诉未能受理：项目编号KSCG-2016-XX")).isVisible();
  }

  // --- tasklist ---

  /**
   * Issue 23: the task list shows what each task is about (district, project, contract, provider)
   * from its process variables; an official narrows it to one district and to what is overdue on
   * the engine's clock and sees exactly the expected rows, keeps that as a saved view with its
   * count, and claims the district's tasks at once. The clock is moved, never waited for.
   */
  @Test
  @Order(Integer.MAX_VALUE - 1)
  void anOfficialFiltersTheTaskListToOneDistrictAndToOverdue() throws Exception {
    try (AuthenticatedUsers users = new AuthenticatedUsers(port, managementPort)) {
      // the engine's time as the console reads it; the review is due two days after it opens
      java.net.http.HttpResponse<String> time = users.http("GET", url("api/time"), "civil1", null);
      assertThat(time.statusCode()).isEqualTo(200);
      Instant start =
          Instant.ofEpochMilli(
              new com.fasterxml.jackson.databind.ObjectMapper()
                  .readTree(time.body())
                  .path("epochMilli")
                  .asLong());
      long lateLujia = startInDistrict("LJ", "陆家镇", "KS-2016-LJ");
      long lateBacheng = startInDistrict("BC", "巴城镇", "KS-2016-BC");
      long resident =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(PROCESS_ID)
              .latestVersion()
              .variables(
                  Map.of(
                      "applicant", "周庄镇社工站",
                      "unitCode", "ZZ",
                      "caseNo", "GA-2016-0007",
                      "residentName", "王小明"))
              .send()
              .join()
              .getProcessInstanceKey();
      users.pinClock(start.plus(java.time.Duration.ofDays(1)));
      long onTimeLujia = startInDistrict("LJ", "陆家镇", "KS-2016-LJ-2");
      // two and a half days on: the first two reviews are late, the third is due in half a day
      users.pinClock(start.plus(java.time.Duration.ofHours(60)));
      awaitTask(onTimeLujia, "Task_ReviewApplication");

      Page civil = loginAs("civil1");
      assertThat(civil.getByTestId("task-list")).hasAttribute("data-state", "ready");
      Locator late = taskRow(civil, lateLujia, "Task_ReviewApplication");
      assertThat(late.locator("[data-col=district]")).hasText("陆家镇");
      assertThat(late.locator("[data-col=project]")).hasText("KSCG-2016-LJ");
      assertThat(late.locator("[data-col=contract]")).hasText("KS-2016-LJ");
      assertThat(late.locator("[data-col=provider]")).hasText("昆山市阳光社会工作服务社");
      assertThat(late.locator("[data-col=due]")).containsText("已逾期");
      assertThat(taskRow(civil, onTimeLujia, "Task_ReviewApplication").locator("[data-col=due]"))
          .containsText("即将到期");
      // the bureau does not serve residents: the case number and the surname only
      assertThat(taskRow(civil, resident, "Task_ReviewApplication").locator("[data-col=resident]"))
          .hasText("GA-2016-0007 王**");

      // one district: both of 陆家镇's reviews, nothing of 巴城镇
      Locator rows = civil.getByTestId("task-table").locator("tbody tr");
      civil.getByLabel("区镇/单元").selectOption("LJ");
      assertThat(rows).hasCount(2);
      assertThat(civil.locator("tr[data-instance-key='" + lateBacheng + "']")).hasCount(0);
      // and overdue: exactly the one late review of 陆家镇
      civil.getByLabel("到期").selectOption("overdue");
      assertThat(rows).hasCount(1);
      assertThat(rows.first()).hasAttribute("data-instance-key", String.valueOf(lateLujia));
      assertThat(civil.getByTestId("shown-count")).containsText("1 项");
      screenshot(civil, "20-task-list-district-overdue.png");

      // kept as a view of her own, with its count; it survives a reload of the page
      civil.getByLabel("将当前筛选保存为视图").fill("陆家镇逾期");
      civil.getByLabel("将当前筛选保存为视图").press("Enter");
      civil.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("清除筛选")).click();
      assertThat(civil.locator("tr[data-instance-key='" + lateBacheng + "']")).hasCount(1);
      civil.reload();
      Locator view =
          civil.locator(
              "button[data-view^='saved-']", new Page.LocatorOptions().setHasText("陆家镇逾期"));
      assertThat(view.getByTestId("view-count")).hasText("1");
      view.click();
      assertThat(view).hasAttribute("aria-pressed", "true");
      assertThat(rows).hasCount(1);
      assertThat(rows.first()).hasAttribute("data-instance-key", String.valueOf(lateLujia));

      // the district's two reviews claimed at once
      civil.getByLabel("到期").selectOption("");
      assertThat(rows).hasCount(2);
      civil.getByLabel("选择本页所有未认领的任务").check();
      civil.getByTestId("bulk-claim").click();
      assertThat(civil.locator("#flash")).containsText("已认领 2 项任务");
      assertThat(rows.locator("[data-col=assignee]")).hasText(new String[] {"我", "我"});
      for (long instance : List.of(lateLujia, onTimeLujia)) {
        org.awaitility.Awaitility.await()
            .atMost(AuthenticatedUsers.WAIT)
            .until(() -> openTask(instance).getAssignee(), "civil1"::equals);
      }

      // on a tablet the page keeps its width: the table scrolls inside it
      civil.setViewportSize(820, 1180);
      assertThat(
              (Boolean)
                  civil.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
          .isTrue();
      screenshot(civil, "21-task-list-tablet.png");
    }
  }

  private long startInDistrict(String unitCode, String unitName, String contractNo) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(PROCESS_ID)
        .latestVersion()
        .variables(
            Map.of(
                "applicant",
                "昆山市阳光社工服务社",
                "amount",
                800000,
                "unitCode",
                unitCode,
                "unitName",
                unitName,
                "projectNo",
                "KSCG-2016-" + unitCode,
                "contractNo",
                contractNo,
                "providerName",
                "昆山市阳光社会工作服务社"))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  // --- rounds ---

  @Autowired private io.civicflow.workers.registry.ProviderRegistry providerRegistry;
  @Autowired private io.civicflow.workers.contract.ContractRecords contractRecords;

  @Autowired
  private io.civicflow.workers.registry.elasticsearch.ElasticsearchDocumentStore registryStore;

  @Autowired private io.civicflow.workers.analytics.RegistryAnalytics registryAnalytics;

  /**
   * The bureau opens the completed Kunshan 2016 round (the demo's history: 15 units, two contract
   * years, a termination and its re-procurement), sees each unit's stage and late steps, opens a
   * contract and its audit trail; a district office sees its own unit only; an analyst exports the
   * payments table and the workbook adds up to the ledger.
   */
  @Test
  void anOfficialFollowsTheKunshanRoundToAContractAndItsAuditTrailAndAnAnalystExportsThePayments()
      throws IOException {
    io.civicflow.workers.demo.DemoHistory.write(
        providerRegistry,
        contractRecords,
        at ->
            new io.civicflow.workers.registry.elasticsearch.ElasticsearchPaymentLedger(
                registryStore, () -> at));

    Page civil = loginAs("civil1");
    civil.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("采购轮次")).click();
    long clicked = System.nanoTime();
    civil.locator("tr[data-round='2016']").getByRole(AriaRole.LINK).click();
    Locator units = civil.getByTestId("round-units").locator("tbody tr");
    assertThat(units).hasCount(15);
    org.slf4j.LoggerFactory.getLogger(ConsoleBrowserIT.class)
        .info(
            "Round page 2016 (15 units x 2 contract years) rendered in {} ms",
            (System.nanoTime() - clicked) / 1_000_000);
    assertThat(civil.locator("tr[data-unit='ZP'] [data-testid='unit-stage']")).containsText("履约完毕");
    assertThat(civil.locator("tr[data-unit='QD'] [data-testid='unit-stage']"))
        .containsText("终止后重新采购");
    assertThat(civil.locator("tr[data-unit='DSH']")).containsText("签订晚于2016年8月31日");
    assertThat(civil.locator("tr[data-unit='DSH'] [data-testid='unit-stage']")).containsText("逾期");
    assertThat(civil.locator("tr[data-unit='ZS'] .timeline .dot.payment")).hasCount(6);
    screenshot(civil, "rounds-01-kunshan-2016.png");

    civil
        .locator("tr[data-unit='ZS']")
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("合同"))
        .click();
    assertThat(civil.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
        .containsText("周市镇 · KS-2016-ZS-Y2");
    assertThat(civil.getByTestId("contract-years").locator("tbody tr")).hasCount(2);
    assertThat(civil.getByTestId("contract-payments").locator("tbody tr")).hasCount(6);
    assertThat(civil.getByTestId("contract-reports").locator("tbody tr")).hasCount(12);
    assertThat(civil.getByTestId("contract-money"))
        .containsText("合同金额 1,600,000.00 元，已拨付 1,600,000.00 元");
    assertThat(civil.getByTestId("contract-complaints")).containsText("不成立");
    screenshot(civil, "rounds-02-contract.png");

    civil.getByTestId("open-audit").click();
    Locator trail = civil.getByTestId("audit-table");
    assertThat(trail.locator("tr[data-kind='付款']")).hasCount(6);
    assertThat(trail.locator("tr[data-kind='评估']")).hasCount(4);
    assertThat(trail).containsText("社区老人助餐活动临时取消");
    screenshot(civil, "rounds-03-audit-trail.png");

    // the district office of 张浦镇 sees its own unit, not the others
    Page district = loginAs("district1");
    district.navigate(url("#/rounds/2016"));
    assertThat(district.getByTestId("round-units").locator("tbody tr")).hasCount(1);
    assertThat(district.locator("tr[data-unit='ZP']")).isVisible();

    // the analyst downloads the payments table; the workbook adds up to the ledger
    Page analyst = loginAs("analyst");
    analyst.navigate(url("#/dashboards"));
    assertThat(analyst.getByTestId("exports")).isVisible();
    com.microsoft.playwright.Download download =
        analyst.waitForDownload(
            new Page.WaitForDownloadOptions().setTimeout(120_000),
            () -> analyst.getByTestId("export-payments").click());
    assertThat(download.suggestedFilename()).isEqualTo("资金拨付与预算.xlsx");
    // the ledger's payments on the register's contracts (an evaluation fee is booked on EVAL-…)
    java.util.Set<String> registered =
        registryAnalytics.contractEntries(null).stream()
            .map(io.civicflow.workers.contract.ContractEntry::contractNo)
            .collect(java.util.stream.Collectors.toSet());
    long ledgerFen =
        registryAnalytics.payments().stream()
            .filter(p -> registered.contains(p.contractNo()))
            .mapToLong(io.civicflow.workers.payment.PaymentRecord::amountFen)
            .sum();
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook book =
        new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(download.path()))) {
      org.apache.poi.ss.usermodel.Sheet sheet = book.getSheet("资金拨付与预算");
      assertThat(sheet.getRow(0).getCell(6).getStringCellValue()).isEqualTo("已拨付（元）");
      double paid = 0;
      double budget = 0;
      int last = sheet.getLastRowNum();
      for (int r = 1; r < last; r++) {
        paid += sheet.getRow(r).getCell(6).getNumericCellValue();
        budget += sheet.getRow(r).getCell(5).getNumericCellValue();
      }
      org.apache.poi.ss.usermodel.Row totals = sheet.getRow(last);
      assertThat(totals.getCell(0).getStringCellValue()).isEqualTo("合计");
      assertThat(Math.round(paid * 100)).isEqualTo(ledgerFen);
      assertThat(Math.round(totals.getCell(6).getNumericCellValue() * 100)).isEqualTo(ledgerFen);
      assertThat(totals.getCell(5).getNumericCellValue())
          .isEqualTo(budget, org.assertj.core.data.Offset.offset(0.001));
      assertThat(totals.getCell(6).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
    }
    screenshot(analyst, "rounds-04-dashboards.png");
  }

  // --- docui21 ---

  /**
   * Issue 21's records: an administrator deletes a task's uploaded attachment, giving a reason in a
   * keyboard-usable dialog; an auditor (group {@code audit}) finds the deletion with who, the
   * reason and the process instance on 文件删除记录 and filters it; an expert neither deletes nor reads
   * the records (无权查看).
   */
  @Test
  void anAdministratorDeletesAnAttachmentWithAReasonAndAnAuditorFindsTheRecord() {
    long instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("console-test-documents")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    awaitTask(instance, "Task_UploadResponse");
    String fileName = "恒爱社工响应文件（误传）.pdf";
    Page agency = loginAs("agency1");
    taskRow(agency, instance, "Task_UploadResponse").getByRole(AriaRole.LINK).click();
    claim(agency);
    agency
        .getByTestId("task-form")
        .locator("input[type=file]")
        .setInputFiles(
            new com.microsoft.playwright.options.FilePayload(
                fileName,
                "application/pdf",
                new io.civicflow.workers.documents.PdfWriter(
                        io.civicflow.workers.documents.PdfWriter.DEFAULT_FONT)
                    .write(
                        new io.civicflow.workers.documents.Paper(
                            "响应文件", "", List.of("昆山市恒爱社会工作服务中心")))));
    agency.getByTestId("complete").click();
    assertThat(agency.locator("#flash")).containsText("已完成");
    UserTask review = awaitTask(instance, "Task_ReviewResponse");

    // the administrator opens the expert's task, deletes the attachment and gives the reason
    Page admin = loginAs("demo");
    admin.navigate(url("#/tasks/" + review.getUserTaskKey()));
    Locator attachments = admin.getByTestId("task-documents");
    assertThat(attachments.getByTestId("document-download")).hasText(fileName);
    attachments.getByTestId("document-delete").click();
    Locator dialog = admin.getByTestId("deletion-dialog");
    assertThat(dialog).isVisible();
    // the reason is required: an empty one is not sent
    dialog.getByTestId("deletion-confirm").click();
    assertThat(dialog).isVisible();
    // by keyboard: the reason field has the focus, Tab reaches 取消 and then 确认删除
    String reason = "供应商误传了其他项目的响应文件，经采购代理确认后删除";
    assertThat(dialog.getByTestId("deletion-reason")).isFocused();
    admin.keyboard().type(reason);
    admin.keyboard().press("Tab");
    admin.keyboard().press("Tab");
    assertThat(dialog.getByTestId("deletion-confirm")).isFocused();
    admin.keyboard().press("Enter");
    assertThat(admin.locator("#flash")).containsText("已删除");
    assertThat(dialog).hasCount(0);
    assertThat(attachments).containsText("已删除");
    assertThat(attachments.getByTestId("document-download")).hasCount(0);
    screenshot(admin, "22-attachment-deleted.png");

    // the auditor finds it in the navigation, with who, why and which process instance
    Page auditor = loginAs("audit1");
    auditor
        .locator("#nav")
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("文件删除记录"))
        .click();
    Locator records = auditor.getByTestId("deletion-table").locator("tbody tr");
    auditor.getByLabel("流程实例编号").fill(String.valueOf(instance));
    auditor.getByLabel("流程实例编号").press("Enter");
    assertThat(records).hasCount(1);
    Locator record = records.first();
    assertThat(record.locator("[data-col=file]")).hasText(fileName);
    assertThat(record.locator("[data-col=deleted-by]")).hasText("demo");
    assertThat(record.locator("[data-col=reason]")).hasText(reason);
    assertThat(record.locator("[data-col=instance]")).hasText(String.valueOf(instance));
    assertThat(record.locator("[data-col=uploaded]")).containsText("agency1");
    screenshot(auditor, "23-deletion-records.png");
    // nobody else deleted it
    auditor.getByLabel("删除人").fill("civil1");
    auditor.getByLabel("删除人").press("Enter");
    assertThat(auditor.getByTestId("deletion-table")).containsText("没有符合条件的删除记录");

    // the expert neither deletes nor sees the records: no link, and the page says 无权查看
    Page expert = loginAs("expert1");
    expert.navigate(url("#/tasks/" + review.getUserTaskKey()));
    assertThat(expert.getByTestId("task-documents").getByTestId("document-download"))
        .hasText(fileName);
    assertThat(expert.getByTestId("document-delete")).hasCount(0);
    assertThat(expert.locator("#nav")).not().containsText("文件删除记录");
    expert.navigate(url("#/documents/deletions"));
    assertThat(expert.getByTestId("deletions-forbidden")).containsText("无权查看");
  }

  // --- migrateui ---

  @Test
  void anAdministratorAddsAStepInTheModellerDeploysItAndMigratesTheRunningInstances() {
    long v1 =
        client
            .newDeployResourceCommand()
            .addResourceFromClasspath("console/console-test-migration.bpmn")
            .send()
            .join()
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();
    List<Long> running = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      running.add(
          client
              .newCreateInstanceCommand()
              .processDefinitionKey(v1)
              .send()
              .join()
              .getProcessInstanceKey());
    }

    // the administrator opens the deployed process in the modeller
    Page admin = loginAs("admin");
    admin
        .locator("#nav")
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("流程建模"))
        .click();
    admin.getByTestId("modeller-open-deployed").selectOption(String.valueOf(v1));
    Locator canvas = admin.getByTestId("modeller-canvas");
    assertThat(canvas).hasAttribute("data-loaded", "true");
    assertThat(admin.locator("a.bjs-powered-by")).isVisible(); // the bpmn.io watermark stays

    // drags a task from the palette onto the flow after the review: the flow is split around it
    Locator flow = canvas.locator("g.djs-connection[data-element-id='Flow_ToDone']");
    var box = flow.boundingBox();
    Locator paletteTask = admin.locator(".djs-palette .entry[data-action='create.task']");
    // a click on the palette entry picks the task up; it follows the mouse and a click drops it
    paletteTask.click();
    double x = box.x + box.width / 2;
    double y = box.y + box.height / 2;
    admin.mouse().move(x - 30, y, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
    admin.mouse().move(x, y, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
    admin.mouse().click(x, y);
    admin.keyboard().type("分管领导复核");
    // a click on empty canvas (below the diagram, clear of the palette and the watermark) ends the
    // label
    var area = canvas.boundingBox();
    canvas.click(new Locator.ClickOptions().setPosition(area.width / 2, area.height - 60));
    assertThat(canvas.locator("g.djs-shape[data-element-id^='Activity_']")).hasCount(1);

    // the engine's dry-run finds nothing to refuse; the diff shows the new step
    admin.getByTestId("modeller-validate").click();
    assertThat(admin.getByTestId("modeller-valid")).containsText("校验通过");
    admin.getByTestId("modeller-diff").click();
    assertThat(admin.getByTestId("diff-added")).containsText("分管领导复核");
    assertThat(admin.getByTestId("diff-removed")).hasCount(0);
    screenshot(admin, "24-modeller.png");

    admin.getByTestId("modeller-deploy").click();
    assertThat(admin.locator("#flash")).containsText("已部署为 console-test-migration v2");
    assertThat(admin.getByTestId("diff-added")).containsText("分管领导复核");

    // straight to 迁移: the mapping proposed by id, a dry-run, then all three as a batch
    admin.getByTestId("migrate-v1").click();
    assertThat(admin.locator("tr[data-element-id='Task_Check'] select")).hasValue("Task_Check");
    admin.getByTestId("migration-dry-run").click();
    assertThat(admin.locator("tr[data-migratable='true']")).hasCount(3);
    screenshot(admin, "25-migration-dry-run.png");
    admin.onceDialog(dialog -> dialog.accept());
    admin.getByTestId("migration-batch").click();
    assertThat(admin.getByTestId("batch-state")).hasAttribute("data-state", "COMPLETED");
    assertThat(admin.getByTestId("batch-state")).containsText("已处理 3 / 3");

    // the process view shows each instance on the new version, waiting where it waited
    for (long instance : running) {
      admin.navigate(url("#/processes/instances/" + instance));
      assertThat(admin.getByTestId("instance-state")).containsText("版本 v2");
      assertThat(
              admin
                  .getByTestId("instance-diagram")
                  .locator("g.djs-element.cf-active[data-element-id='Task_Check']"))
          .hasCount(1);
    }
    screenshot(admin, "26-migrated-instance.png");
  }

  @Test
  void anAdministratorMovesATokenWithAVariableThenCancelsTheFilteredInstancesAsABatch() {
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath("console/console-test-migration.bpmn")
        .send()
        .join();
    List<Long> sampled = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      sampled.add(
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("console-test-migration")
              .latestVersion()
              .send()
              .join()
              .getProcessInstanceKey());
    }
    long moved = sampled.get(0);

    // 修改: the check starts again, with a note for the official; the old one is terminated
    Page admin = loginAs("admin");
    admin.navigate(url("#/processes/instances/" + moved));
    Locator modification = admin.getByTestId("modification");
    modification.locator("input[type=checkbox][data-element-id='Task_Check']").check();
    admin.getByTestId("modify-activate").selectOption("Task_Check");
    modification.locator("[name=variable-name]").fill("checkNote");
    modification.locator("[name=variable-value]").fill("请补充三月份的服务记录");
    admin.onceDialog(dialog -> dialog.accept());
    admin.getByTestId("modify-submit").click();
    assertThat(admin.locator("#flash")).containsText("实例已修改");
    assertThat(admin.locator("tr[data-variable='checkNote']")).containsText("请补充三月份的服务记录");
    assertThat(
            admin
                .getByTestId("history-table")
                .locator("tr[data-element-id='Task_Check'][data-state='TERMINATED']"))
        .hasCount(1);
    assertThat(
            admin
                .getByTestId("history-table")
                .locator("tr[data-element-id='Task_Check'][data-state='ACTIVE']"))
        .hasCount(1);

    // batch cancel from the filtered list: every running sampling instance
    admin.navigate(url("#/processes"));
    admin.locator("select[name=processDefinitionId]").selectOption("console-test-migration");
    admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查询")).click();
    assertThat(admin.locator("tr[data-instance-key='" + moved + "']")).hasCount(1);
    admin.onceDialog(dialog -> dialog.accept());
    admin.getByTestId("batch-cancel").click();
    assertThat(admin.getByTestId("batch-state")).hasAttribute("data-state", "COMPLETED");
    for (long instance : sampled) {
      assertThat(client.newProcessInstanceGetRequest(instance).send().join().getState())
          .isEqualTo(io.camunda.client.api.search.enums.ProcessInstanceState.TERMINATED);
    }
  }

  // --- workbench ---

  /**
   * Issue 23: a community liaison files a resident's complaint through the complaint-intake start
   * form; it reaches the unit's running contract, and the provider concerned (provider1, 阳光) finds
   * it in its own task list with the district and contract, reads the complaint in the task's form
   * and gives its account; the other provider does not see it. The clock is moved, never waited
   * for.
   */
  @Test
  @Order(Integer.MAX_VALUE - 2)
  void aLiaisonFilesAComplaintThroughItsFormAndTheProviderConcernedSeesItInItsTaskList()
      throws Exception {
    try (AuthenticatedUsers users = new AuthenticatedUsers(port, managementPort)) {
      users.pinClock(io.civicflow.workers.procurement.Kunshan2016.at("2016-08-30T10:00"));
      Map<String, Object> signed =
          new java.util.HashMap<>(
              io.civicflow.workers.procurement.Kunshan2016.signedContract(
                  "HQ", "花桥经济开发区", AuthenticatedUsers.SUNSHINE));
      // a 2017 award: the demo's 2016 round (the round test writes it) holds KS-2016-HQ-Y1
      signed.put("projectNo", "KSCG-2017-HQ");
      signed.put("contractNo", "KS-2017-HQ-Y1");
      signed.put("awardedPriceFen", 78_000_000L);
      signed.put("contractValueFen", 78_000_000L);
      signed.put("budgetFen", 80_000_000L);
      long contract =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("service-contract")
              .latestVersion()
              .variables(signed)
              .send()
              .join()
              .getProcessInstanceKey();
      // finance approves the first tranche; then the contract is in delivery
      // the first tranche's payment is a called process of the contract
      long payment =
          org.awaitility.Awaitility.await()
              .atMost(AuthenticatedUsers.WAIT)
              .until(
                  () ->
                      client
                          .newProcessInstanceSearchRequest()
                          .filter(f -> f.parentProcessInstanceKey(contract))
                          .send()
                          .join()
                          .items(),
                  found -> !found.isEmpty())
              .get(0)
              .getProcessInstanceKey();
      UserTask tranche = awaitTask(payment, "Task_ApproveTranche");
      client.newAssignUserTaskCommand(tranche.getUserTaskKey()).assignee("finance1").send().join();
      client
          .newCompleteUserTaskCommand(tranche.getUserTaskKey())
          .variables(
              Map.of(
                  "trancheApproval",
                  Map.of("decision", "APPROVED", "opinion", "同意拨付", "voucherRef", "KSCZ-HQ-1")))
          .send()
          .join();
      org.awaitility.Awaitility.await()
          .atMost(AuthenticatedUsers.WAIT)
          .until(
              () ->
                  client
                      .newElementInstanceSearchRequest()
                      .filter(
                          f ->
                              f.processInstanceKey(contract)
                                  .elementId("Timer_EvaluationDate")
                                  .state(
                                      io.camunda.client.api.search.enums.ElementInstanceState
                                          .ACTIVE))
                      .send()
                      .join()
                      .items(),
              found -> !found.isEmpty());
      users.pinClock(io.civicflow.workers.procurement.Kunshan2016.at("2016-10-12T14:00"));

      Page liaison = loginAs("liaison1");
      liaison.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("发起流程")).click();
      liaison.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("居民投诉登记")).click();
      assertThat(liaison.getByTestId("start-form")).containsText("居民投诉登记");
      liaison.getByLabel("项目编号").fill("KSCG-2017-HQ");
      liaison.getByLabel("投诉人").fill("花桥某社区居民李先生");
      liaison.getByLabel("投诉内容").fill("长者助餐点连续三天未按时开餐");
      liaison.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发起")).click();
      UserTask explain = awaitTask(contract, "Task_ExplainComplaint");
      assertThat(explain.getCandidateGroups())
          .containsExactly("provider-" + AuthenticatedUsers.SUNSHINE);

      // the provider concerned: in its task list with the district and the contract
      Page provider = loginAs("provider1");
      assertThat(provider.getByTestId("task-list")).hasAttribute("data-state", "ready");
      Locator row = taskRow(provider, contract, "Task_ExplainComplaint");
      assertThat(row).containsText("就居民投诉作出说明");
      assertThat(row.locator("[data-col=district]")).hasText("花桥经济开发区");
      assertThat(row.locator("[data-col=contract]")).hasText("KS-2017-HQ-Y1");
      screenshot(provider, "workbench-01-complaint-in-provider-task-list.png");
      row.getByRole(AriaRole.LINK).first().click();
      assertThat(provider.getByTestId("task-form")).containsText("长者助餐点连续三天未按时开餐");
      claim(provider);
      provider.getByLabel("情况说明").fill("厨房燃气检修导致停餐，已逐户上门致歉并调整供餐点");
      provider.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交并完成任务")).click();
      org.awaitility.Awaitility.await()
          .atMost(AuthenticatedUsers.WAIT)
          .until(
              () ->
                  client
                      .newUserTaskSearchRequest()
                      .filter(f -> f.userTaskKey(explain.getUserTaskKey()))
                      .send()
                      .join()
                      .items()
                      .get(0)
                      .getState(),
              UserTaskState.COMPLETED::equals);

      // the other provider never saw it; the district office handles the complaint itself
      Page other = loginAs("provider2");
      assertThat(other.getByTestId("task-table").or(other.locator(".empty"))).isVisible();
      assertThat(other.locator("tr[data-instance-key='" + contract + "']")).hasCount(0);
      assertThat(awaitTask(contract, "Task_HandleComplaint").getCandidateGroups())
          .containsExactly("district-HQ");
    }
  }

  /**
   * Issue 23: saved views are the user's, on the server: a view an earlier console kept in this
   * browser's localStorage is moved to the server once and removed from the browser; with nothing
   * in the browser it is still there; a colleague never sees it; deleting it deletes it there.
   */
  @Test
  void anOfficialsSavedViewsAreKeptOnTheServerAndMovedThereFromTheBrowserOnce() throws Exception {
    try (AuthenticatedUsers users = new AuthenticatedUsers(port, managementPort)) {
      users.http("PUT", url("api/users/civil2/task-views"), "civil2", "{\"views\":[]}");
      Page civil = loginAs("civil2");
      assertThat(civil.getByTestId("task-list")).hasAttribute("data-state", "ready");
      civil.evaluate(
          "() => localStorage.setItem('civicflow.console.task-views.civil2', JSON.stringify("
              + "[{id: 'saved-old1', name: '本周到期（旧）', filters: {due: 'week'}}]))");
      civil.reload();
      Locator moved = civil.locator("button[data-view='saved-old1']");
      assertThat(moved).containsText("本周到期（旧）");
      assertThat(
              civil.evaluate("() => localStorage.getItem('civicflow.console.task-views.civil2')"))
          .isNull();
      assertThat(users.http("GET", url("api/users/civil2/task-views"), "civil2", null).body())
          .contains("本周到期（旧）")
          .contains("\"due\":\"week\"");

      // nothing left in the browser: the view comes from the server
      civil.evaluate("() => localStorage.clear()");
      civil.reload();
      assertThat(moved).isVisible();
      moved.click();
      assertThat(civil.locator("#task-filter-due")).hasValue("week");

      // a colleague of the same group does not get it
      Page colleague = loginAs("civil1");
      assertThat(colleague.getByTestId("task-list")).hasAttribute("data-state", "ready");
      assertThat(colleague.locator("button[data-view='saved-old1']")).hasCount(0);

      civil
          .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("删除视图「本周到期（旧）」"))
          .click();
      assertThat(civil.locator("#flash")).containsText("已删除视图");
      assertThat(moved).hasCount(0);
      assertThat(users.http("GET", url("api/users/civil2/task-views"), "civil2", null).body())
          .isEqualTo("{\"views\":[]}");
    }
  }

  /**
   * Issue 23: the lead of 亭林's district team (district3, role team-lead@district-TL) hands two of
   * the team's tasks to a member at once; only the team's members are offered; a task of another
   * district is neither shown to the lead nor assignable by them (the engine refuses it); the
   * member finds the tasks as theirs.
   */
  @Test
  void aTeamLeadAssignsSelectedTasksToAMemberOfTheTeam() throws Exception {
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath("console/console-test-district-check.bpmn")
        .send()
        .join();
    try (AuthenticatedUsers users = new AuthenticatedUsers(port, managementPort)) {
      List<Long> tingling = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        tingling.add(districtCheck("TL", "亭林城市管理片区"));
      }
      long zhangpu = districtCheck("ZP", "张浦镇");
      UserTask zhangpuTask = awaitTask(zhangpu, "Task_CheckLedger");
      for (long instance : tingling) {
        awaitTask(instance, "Task_CheckLedger");
      }

      // the teams: the lead's own, with its members; nobody else leads one
      String teams = users.http("GET", url("api/teams"), "district3", null).body();
      assertThat(teams)
          .contains("\"group\":\"district-TL\"")
          .contains("district4")
          .contains("district5");
      assertThat(users.http("GET", url("api/teams"), "district4", null).body())
          .isEqualTo("{\"teams\":[]}");
      assertThat(users.http("GET", url("api/teams"), null, null).statusCode()).isEqualTo(401);
      // the engine decides: 张浦's task is not the lead's to hand out
      assertThat(
              users
                  .http(
                      "POST",
                      "http://127.0.0.1:"
                          + port
                          + "/v2/user-tasks/"
                          + zhangpuTask.getUserTaskKey()
                          + "/assignment",
                      "district3",
                      "{\"assignee\":\"district4\",\"allowOverride\":false}")
                  .statusCode())
          .isEqualTo(403);

      Page lead = loginAs("district3");
      assertThat(lead.getByTestId("task-list")).hasAttribute("data-state", "ready");
      assertThat(lead.locator("tr[data-instance-key='" + zhangpu + "']")).hasCount(0);
      Locator assignTo = lead.getByLabel("分配给");
      assertThat(assignTo.locator("option[value]:not([value=''])"))
          .hasText(
              new String[] {"亭林片区组长 徐敏（district3）", "亭林片区 周婷（district4）", "亭林片区 吴磊（district5）"});
      for (long instance : tingling) {
        taskRow(lead, instance, "Task_CheckLedger").locator("input[type=checkbox]").check();
      }
      assignTo.selectOption("district4");
      lead.getByTestId("bulk-assign").click();
      assertThat(lead.locator("#flash")).containsText("已将 2 项任务分配给亭林片区 周婷");
      for (long instance : tingling) {
        assertThat(taskRow(lead, instance, "Task_CheckLedger").locator("[data-col=assignee]"))
            .hasText("district4");
        org.awaitility.Awaitility.await()
            .atMost(AuthenticatedUsers.WAIT)
            .until(
                () -> awaitTask(instance, "Task_CheckLedger").getAssignee(), "district4"::equals);
      }
      screenshot(lead, "workbench-02-team-lead-assigns.png");

      Page member = loginAs("district4");
      member.locator("button[data-view='mine']").click();
      for (long instance : tingling) {
        assertThat(taskRow(member, instance, "Task_CheckLedger").locator("[data-col=assignee]"))
            .hasText("我");
      }
    }
  }

  private long districtCheck(String unitCode, String unitName) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("console-test-district-check")
        .latestVersion()
        .variables(Map.of("unitCode", unitCode, "unitName", unitName))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  /**
   * Issue 23, "keyboard- and screen-reader-usable, and usable on a tablet": axe-core (WCAG 2.0/2.1
   * A and AA rules) finds nothing on the task list and the Kunshan 2016 round page; the round
   * page's timelines are lists for screen readers, not hundreds of tab stops; on a tablet
   * (820×1180) neither page is wider than the screen (its tables scroll inside).
   */
  @Test
  void theTaskListAndTheRoundPagePassAxeAndFitATablet() {
    if (contractRecords.contract("KS-2016-ZC-Y2").isEmpty()) {
      io.civicflow.workers.demo.DemoHistory.write(
          providerRegistry,
          contractRecords,
          at ->
              new io.civicflow.workers.registry.elasticsearch.ElasticsearchPaymentLedger(
                  registryStore, () -> at));
    }
    Page civil = loginAs("civil1");
    assertThat(civil.getByTestId("task-list")).hasAttribute("data-state", "ready");
    assertAccessible(civil, "task list");

    civil.navigate(url("#/rounds/2016"));
    Locator units = civil.getByTestId("round-units").locator("tbody tr");
    assertThat(units).hasCount(15);
    assertAccessible(civil, "round page 2016");
    // tab stops: the page's links and buttons, not every dot of every timeline
    Object stops =
        civil.evaluate(
            "() => [...document.querySelectorAll('a[href], button, input, select, [tabindex]')]"
                + ".filter((e) => e.tabIndex >= 0 && !e.disabled).length");
    assertThat(((Number) stops).intValue()).isLessThan(60);
    assertThat(civil.locator("[data-testid=round-units] caption")).containsText("各采购单元进度");

    for (String page : List.of("#/rounds/2016", "#/tasks")) {
      civil.setViewportSize(820, 1180);
      civil.navigate(url(page));
      civil.locator("#view table, #view .empty").first().waitFor();
      assertThat(
              (Boolean)
                  civil.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
          .as(page + " on a tablet")
          .isTrue();
    }
    screenshot(civil, "workbench-03-task-list-tablet.png");
  }

  private static void assertAccessible(Page page, String what) {
    com.deque.html.axecore.results.AxeResults results =
        new com.deque.html.axecore.playwright.AxeBuilder(page)
            .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
            .analyze();
    assertThat(results.getViolations())
        .as(
            what
                + ": "
                + results.getViolations().stream()
                    .map(
                        v ->
                            v.getId()
                                + " ("
                                + v.getImpact()
                                + ") "
                                + v.getNodes().stream()
                                    .limit(3)
                                    .map(n -> String.valueOf(n.getTarget()))
                                    .toList())
                    .toList())
        .isEmpty();
  }

  // --- model25 ---

  @Test
  void theModellerShowsItsPaletteContextPadAndPropertiesPanelInChinese() {
    long v1 =
        client
            .newDeployResourceCommand()
            .addResourceFromClasspath("console/console-test-migration.bpmn")
            .send()
            .join()
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();
    // the built-in modeller (role modeller, no group): 流程建模 and 流程监控, not the dashboards
    Page modeller = loginAs("modeller1");
    Locator nav = modeller.locator("#nav");
    assertThat(nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("流程监控")))
        .isVisible();
    assertThat(nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("统计看板")))
        .hasCount(0);
    nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("流程建模")).click();
    modeller.getByTestId("modeller-open-deployed").selectOption(String.valueOf(v1));
    Locator canvas = modeller.getByTestId("modeller-canvas");
    assertThat(canvas).hasAttribute("data-loaded", "true");
    // a palette entry's name is its aria-label (its tooltip), a context pad entry's its title
    assertThat(modeller.locator(".djs-palette .entry[data-action='create.task']"))
        .hasAttribute("aria-label", "创建任务");
    assertThat(modeller.locator(".djs-palette .entry[data-action='create.exclusive-gateway']"))
        .hasAttribute("aria-label", "创建网关");

    // the review task selected: its context pad and the Zeebe groups of the panel speak Chinese
    canvas.locator("g.djs-shape[data-element-id='Task_Check']").click();
    assertThat(modeller.locator(".djs-context-pad .entry[data-action='append.append-task']"))
        .hasAttribute("title", "追加任务");
    Locator panel = modeller.getByTestId("modeller-properties");
    assertThat(panel.locator(".bio-properties-panel-header-type")).hasText("用户任务");
    Locator groups = panel.locator(".bio-properties-panel-group-header-title");
    for (String group : List.of("常规", "分配", "表单", "输入映射", "输出映射", "任务监听器", "执行监听器")) {
      assertThat(groups.filter(new Locator.FilterOptions().setHasText(group))).hasCount(1);
    }
    assertThat(groups.filter(new Locator.FilterOptions().setHasText("General"))).hasCount(0);
    screenshot(modeller, "model25-modeller-zh.png");

    // the modeller may ask the engine's deployment dry-run (RESOURCE CREATE)
    modeller.getByTestId("modeller-validate").click();
    assertThat(modeller.getByTestId("modeller-valid")).containsText("校验通过");
  }

  // --- tasklist2 ---

  private static final String[] KUNSHAN_UNITS = {
    "KFQ", "GXQ", "HQ", "ZP", "ZS", "LJ", "BC", "QD", "DSH", "ZZ", "JX", "BL", "TL", "QY", "ZC"
  };

  /**
   * 120 reviews, 8 in each of the 15 units, of a round of their own (2031). The console asks the
   * engine for one page at a time (a search per way of being entitled, merged) and for each view's
   * count: every one of the 120 is on exactly one page, the counts add the 120 to what was there, a
   * unit's count comes from the engine's variable filter, and the round filter (counted in the page
   * from every task) finds exactly the round's 120 and one unit's 8.
   */
  @Test
  void theTaskListPagesThroughItsTasksAndCountsThemFromTheEngine() {
    Page civil = loginAs("civil1");
    assertThat(civil.getByTestId("task-list")).hasAttribute("data-state", "ready");
    Locator allCount = civil.locator("button[data-view='all'] [data-testid=view-count]");
    Locator unassignedCount =
        civil.locator("button[data-view='unassigned'] [data-testid=view-count]");
    int before = Integer.parseInt(allCount.textContent());
    int unassignedBefore = Integer.parseInt(unassignedCount.textContent());
    civil.getByLabel("区镇/单元").selectOption("ZC");
    assertThat(civil.getByTestId("task-list")).hasAttribute("data-state", "ready");
    int zhenchuanBefore = shownCount(civil);

    List<Long> instances = new ArrayList<>();
    try {
      List<java.util.concurrent.CompletableFuture<Long>> started = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        String unit = KUNSHAN_UNITS[i % KUNSHAN_UNITS.length];
        started.add(
            client
                .newCreateInstanceCommand()
                .bpmnProcessId(PROCESS_ID)
                .latestVersion()
                .variables(
                    Map.of(
                        "applicant",
                        "昆山市阳光社工服务社",
                        "amount",
                        800000,
                        "unitCode",
                        unit,
                        "roundYear",
                        2031,
                        "projectNo",
                        "KSCG-2031-" + unit + "-" + i))
                .send()
                .toCompletableFuture()
                .thenApply(r -> r.getProcessInstanceKey()));
      }
      started.forEach(future -> instances.add(future.join()));
      instances.forEach(instance -> awaitTask(instance, "Task_ReviewApplication"));

      civil.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("刷新")).click();
      assertThat(allCount).hasText(String.valueOf(before + 120));
      assertThat(unassignedCount).hasText(String.valueOf(unassignedBefore + 120));
      assertThat(civil.getByTestId("shown-count"))
          .containsText("符合条件的任务 " + (zhenchuanBefore + 8) + " 项");

      // every page of all open tasks: each of the 120 on exactly one of them, in due-date order
      civil.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("清除筛选")).click();
      assertThat(civil.getByTestId("shown-count")).containsText("符合条件的任务 " + (before + 120) + " 项");
      int pages = (before + 120 + 49) / 50;
      List<String> seen = new ArrayList<>();
      Locator rows = civil.getByTestId("task-table").locator("tbody tr");
      for (int page = 1; page <= pages; page++) {
        assertThat(civil.locator("[data-testid=task-table] caption"))
            .containsText("第 " + page + " / " + pages + " 页");
        assertThat(rows).hasCount(page < pages ? 50 : before + 120 - 50 * (pages - 1));
        seen.addAll(
            ((List<?>) rows.evaluateAll("rows => rows.map(r => r.dataset.instanceKey)"))
                .stream().map(String::valueOf).toList());
        if (page < pages) {
          civil.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("下一页")).click();
        }
      }
      assertThat(new java.util.HashSet<>(seen)).hasSize(seen.size());
      assertThat(seen).containsAll(instances.stream().map(String::valueOf).toList());

      // the round: every task counted in the page — the round's 120, one unit's 8
      civil.getByLabel("区镇/单元").selectOption("ZC");
      civil.getByLabel("采购轮次").selectOption("2031");
      assertThat(civil.getByTestId("shown-count")).containsText("符合条件的任务 8 项");
      assertThat(rows).hasCount(8);
      civil.getByLabel("区镇/单元").selectOption("");
      assertThat(civil.getByTestId("shown-count")).containsText("符合条件的任务 120 项");
    } finally {
      // the 120 would push other tests' tasks off the first page
      for (long instance : instances) {
        client.newCancelInstanceCommand(instance).send().join();
      }
    }
  }

  private static int shownCount(Page page) {
    String text = page.getByTestId("shown-count").textContent();
    return Integer.parseInt(text.replaceAll("[^0-9]", ""));
  }
}
