package io.civicflow.workers.procurement;

import static io.camunda.process.test.api.CamundaAssert.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.response.Incident;
import io.civicflow.engine.grpc.GrpcGateway;
import io.civicflow.engine.grpc.OpenJobStream;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * bid-team-conformity on the embedded engine, with the real {@link TeamConformityWorker} handling
 * the jobs through the Camunda client.
 */
@EmbeddedEngineProcessTest
class BidTeamConformityProcessTest {

  @Autowired private CamundaClient client;
  @Autowired private ObjectProvider<GrpcGateway> embeddedGateway;

  private ProcessInstanceEvent start(Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("bid-team-conformity")
        .latestVersion()
        .variables(variables)
        .send()
        .join();
  }

  private static Map<String, Object> bid(boolean registered, Object team) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("bidderName", "昆山市阳光社工服务社");
    variables.put("registeredAsNonProfit", registered);
    variables.put("team", team);
    variables.put("minimumFullTimeMembers", 5);
    variables.put("minimumProfessionalPercent", 0);
    return variables;
  }

  @Test
  void aConformingTeamPassesTheReview() {
    ProcessInstanceEvent instance = start(bid(true, TeamStaffingRulesTest.kunshanTeam()));

    assertThat(instance)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "StartEvent_BidReceived",
            "Task_CheckTeamStaffing",
            "Gateway_TeamConforms",
            "EndEvent_Conforming")
        .hasNotActivatedElements("EndEvent_NotConforming", "EndEvent_Rejected")
        .hasVariable("teamConforms", true)
        .hasVariable("nonConformities", List.of());
  }

  /**
   * The {@code @JobWorker} takes its jobs by job streaming over the engine's gRPC gateway (CPT's
   * client, {@code camunda.client.worker.defaults.stream-enabled}), not by polling: its stream is
   * open and the job was pushed to it.
   */
  @Test
  void theWorkerTakesItsJobPushedThroughAJobStream() {
    GrpcGateway gateway = embeddedGateway.getIfAvailable();
    Assumptions.assumeTrue(
        gateway != null, "only the embedded engine's gateway can be asked for its streams");
    // the test's client opens its workers' streams as the test starts
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !streams(gateway).isEmpty());
    long pushedBefore = pushed(gateway);

    ProcessInstanceEvent instance = start(bid(true, TeamStaffingRulesTest.kunshanTeam()));

    assertThat(instance).isCompleted().hasVariable("teamConforms", true);
    org.assertj.core.api.Assertions.assertThat(pushed(gateway)).isEqualTo(pushedBefore + 1);
  }

  private static List<OpenJobStream> streams(GrpcGateway gateway) {
    return gateway.jobStreams().stream()
        .filter(stream -> stream.type().equals("procurement.check-team-staffing"))
        .toList();
  }

  private static long pushed(GrpcGateway gateway) {
    return streams(gateway).stream().mapToLong(OpenJobStream::pushedJobs).sum();
  }

  @Test
  void aTeamShortOfStaffFailsTheReviewWithTheReasons() {
    ProcessInstanceEvent instance =
        start(bid(true, TeamStaffingRulesTest.kunshanTeam().subList(0, 3)));

    assertThat(instance)
        .isCompleted()
        .hasCompletedElements("EndEvent_NotConforming")
        .hasVariable("teamConforms", false)
        .hasVariable("nonConformities", List.of("项目团队专职人员3人，少于要求的5人", "督导应为1至2名，实际为0名"));
  }

  @Test
  void anUnregisteredBidderIsCaughtByTheErrorBoundary() {
    ProcessInstanceEvent instance = start(bid(false, TeamStaffingRulesTest.kunshanTeam()));

    assertThat(instance)
        .isCompleted()
        .hasTerminatedElements("Task_CheckTeamStaffing")
        .hasCompletedElements("BoundaryEvent_NotRegistered", "EndEvent_Rejected")
        .hasNotActivatedElements("Gateway_TeamConforms");
  }

  @Test
  void badDataRaisesAnIncidentThatResolvesOnceFixedAndRetried() {
    ProcessInstanceEvent instance = start(bid(true, "not a list of members"));

    assertThat(instance).isActive().hasActiveIncidents();

    Incident incident =
        client
            .newIncidentSearchRequest()
            .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
            .send()
            .join()
            .items()
            .get(0);
    client
        .newSetVariablesCommand(instance.getProcessInstanceKey())
        .variables(Map.of("team", TeamStaffingRulesTest.kunshanTeam()))
        .send()
        .join();
    client.newUpdateRetriesCommand(incident.getJobKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    assertThat(instance).isCompleted().hasNoActiveIncidents().hasVariable("teamConforms", true);
  }
}
