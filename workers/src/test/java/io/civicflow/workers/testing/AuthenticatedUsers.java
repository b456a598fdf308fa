package io.civicflow.workers.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.civicflow.workers.procurement.Kunshan2016;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in users against the application with authentication on ({@link
 * EmbeddedEngineTestInitializer.AuthenticatedOnItsOwnPorts}, {@link
 * EmbeddedEngineTestInitializer.WithAuthentication}): a Camunda client per user over REST, plain
 * HTTP with a user's credentials, the engine clock moved by an administrator, and a Kunshan unit
 * brought to its committee's scoring through the real models.
 */
public final class AuthenticatedUsers implements AutoCloseable {

  public static final Duration WAIT = Duration.ofSeconds(60);

  /** 昆山市阳光社会工作服务社 (provider1's organisation). */
  public static final String SUNSHINE = "52320583MJ5000001X";

  /** 昆山市恒爱社会工作服务中心 (provider2's organisation). */
  public static final String HENGAI = "52320583MJ5000002X";

  /** 苏州乐仁社会工作服务社: expert9 is tied to it in the application's expert pool. */
  public static final String LEREN = "52320583MJ5000003X";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final int port;
  private final int managementPort;
  private final Map<String, CamundaClient> clients = new ConcurrentHashMap<>();

  public AuthenticatedUsers(int port, int managementPort) {
    this.port = port;
    this.managementPort = managementPort;
  }

  /** A Camunda client logged in as {@code user} (password demo). */
  public CamundaClient as(String user) {
    return clients.computeIfAbsent(
        user,
        k ->
            CamundaClient.newClientBuilder()
                .restAddress(URI.create("http://127.0.0.1:" + port))
                .preferRestOverGrpc(true)
                .credentialsProvider(
                    CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                        .username(user)
                        .password("demo")
                        .build())
                .build());
  }

  @Override
  public void close() {
    clients.values().forEach(CamundaClient::close);
    clients.clear();
  }

  public static List<UserTask> openTasks(CamundaClient as, String elementId) {
    return as.newUserTaskSearchRequest()
        .filter(f -> f.elementId(elementId).state(UserTaskState.CREATED))
        .send()
        .join()
        .items();
  }

  public static List<UserTask> openTasks(
      CamundaClient as, String elementId, ProcessInstanceEvent instance) {
    return openTasks(as, elementId).stream()
        .filter(t -> t.getProcessInstanceKey().equals(instance.getProcessInstanceKey()))
        .toList();
  }

  /** The one open task of {@code elementId} in {@code instance}, as {@code as} finds it. */
  public static UserTask awaitTask(
      CamundaClient as, String elementId, ProcessInstanceEvent instance) {
    return await()
        .atMost(WAIT)
        .until(() -> openTasks(as, elementId, instance), found -> found.size() == 1)
        .get(0);
  }

  /** A process-scope variable's JSON value, or null. */
  public static String processVariable(
      CamundaClient as, ProcessInstanceEvent instance, String name) {
    return as
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()).name(name))
        .send()
        .join()
        .items()
        .stream()
        .filter(v -> v.getScopeKey().equals(instance.getProcessInstanceKey()))
        .map(Variable::getValue)
        .findFirst()
        .orElse(null);
  }

  /** An HTTP request as {@code user} (none: without credentials). */
  public HttpResponse<String> http(String method, String url, String user, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Moves the engine clock to {@code instant}, as an administrator on the management port. */
  public void pinClock(Instant instant) throws Exception {
    HttpResponse<String> pinned =
        http(
            "POST",
            "http://127.0.0.1:" + managementPort + "/actuator/clock/pin",
            "demo",
            "{\"epochMilli\":" + instant.toEpochMilli() + "}");
    assertThat(pinned.statusCode()).isLessThan(300);
  }

  /**
   * A unit tendered on 1 August 2016 by agency1 with two online bids, 阳光 and 乐仁; on 11 August the
   * deadline passes, both bids conform and the committee is drawn: five scoring tasks follow.
   */
  public ProcessInstanceEvent tenderedUnitAtScoring(
      CamundaClient admin, String unitCode, String unitName) throws Exception {
    pinClock(Kunshan2016.at("2016-08-01T09:00"));
    ProcessInstanceEvent unit =
        admin
            .newCreateInstanceCommand()
            .bpmnProcessId("unit-procurement")
            .latestVersion()
            .variables(Kunshan2016.unitOfRound(unitCode, unitName))
            .send()
            .join();
    String projectNo = Kunshan2016.projectNo(unitCode);
    UserTask documents = awaitTask(admin, "Task_PrepareTenderDocuments", unit);
    CamundaClient agency = as("agency1");
    agency.newAssignUserTaskCommand(documents.getUserTaskKey()).assignee("agency1").send().join();
    agency
        .newCompleteUserTaskCommand(documents.getUserTaskKey())
        .variables(
            Map.of(
                "tenderDocuments",
                Map.of(
                    "documentNo",
                    projectNo + "-CS",
                    "title",
                    "社区社会工作服务项目竞争性磋商文件",
                    "jointBidsAccepted",
                    true,
                    "priceWeightPercent",
                    20,
                    "scoringMethod",
                    "综合评分法")))
        .send()
        .join();
    await().atMost(WAIT).until(() -> processVariable(admin, unit, "bidDeadline") != null);
    for (Map<String, Object> bid :
        List.of(
            Kunshan2016.bid(SUNSHINE, "昆山市阳光社会工作服务社", 78_000_000L),
            Kunshan2016.bid(LEREN, "苏州乐仁社会工作服务社", 79_000_000L))) {
      admin
          .newPublishMessageCommand()
          .messageName("BidSubmitted")
          .correlationKey(projectNo)
          .messageId("online:" + projectNo + ":1:" + bid.get("bidderId"))
          .timeToLive(Duration.ofDays(30))
          .variables(Map.of("bid", bid))
          .send()
          .join();
    }
    await()
        .atMost(WAIT)
        .until(
            () -> processVariable(admin, unit, "bids"),
            bids -> bids != null && bids.contains(SUNSHINE) && bids.contains(LEREN));
    pinClock(Kunshan2016.at("2016-08-11T09:00"));
    return unit;
  }
}
