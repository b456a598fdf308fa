package io.civicflow.engine.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Topology;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gRPC gateway as Camunda's Java client uses it with {@code preferRestOverGrpc(false)}:
 * topology, the job life cycle over long polling and over job streams, Zeebe's status codes. (The
 * behaviour tests run again over gRPC in the module's second Surefire run; this class holds what
 * only gRPC has.)
 */
@ExtendWith(EngineExtension.class)
class GrpcGatewayTest {

  private CamundaClient client;

  @BeforeEach
  void grpcClient(TestEngine engine) {
    client =
        CamundaClient.newClientBuilder()
            .grpcAddress(engine.grpcAddress())
            .restAddress(engine.restAddress())
            .preferRestOverGrpc(false)
            .applyEnvironmentVariableOverrides(false)
            .defaultRequestTimeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void shouldReportAOneBrokerOnePartitionTopology(TestEngine engine) {
    Topology topology = client.newTopologyRequest().send().join();

    assertThat(topology.getClusterSize()).isEqualTo(1);
    assertThat(topology.getPartitionsCount()).isEqualTo(1);
    assertThat(topology.getGatewayVersion()).isEqualTo("8.8.14");
    assertThat(topology.getBrokers())
        .singleElement()
        .satisfies(
            broker -> {
              assertThat(broker.getPort()).isEqualTo(engine.grpcAddress().getPort());
              assertThat(broker.getPartitions())
                  .singleElement()
                  .satisfies(
                      partition -> {
                        assertThat(partition.isLeader()).isTrue();
                        assertThat(partition.getHealth().name()).isEqualTo("HEALTHY");
                      });
            });
  }

  @Test
  void shouldRunAnInstanceThroughDeployCreateActivateAndComplete(TestEngine engine) {
    DeploymentEvent deployment =
        client
            .newDeployResourceCommand()
            .addResourceBytes(
                TestEngine.fixture("single-service-task.bpmn"), "single-service-task.bpmn")
            .send()
            .join();
    assertThat(deployment.getProcesses())
        .singleElement()
        .satisfies(p -> assertThat(p.getBpmnProcessId()).isEqualTo("single-service-task"));

    long pi =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("single-service-task")
            .latestVersion()
            .variables(Map.of("金额", 1234.5, "区", "玉山镇"))
            .send()
            .join()
            .getProcessInstanceKey();
    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType("work")
            .maxJobsToActivate(5)
            .timeout(Duration.ofMinutes(1))
            .send()
            .join()
            .getJobs();
    assertThat(jobs)
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.getProcessInstanceKey()).isEqualTo(pi);
              assertThat(job.getElementId()).isEqualTo("Task_Work");
              assertThat(job.getRetries()).isEqualTo(2);
              assertThat(job.getVariablesAsMap())
                  .containsEntry("区", "玉山镇")
                  .containsEntry("金额", 1234.5);
            });
    client.newCompleteCommand(jobs.get(0).getKey()).variables(Map.of("done", true)).send().join();

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.variables(pi)).containsEntry("done", "true");
  }

  @Test
  void shouldAnswerALongPollAsSoonAsAJobIsCreated(TestEngine engine) {
    engine.deploy("single-service-task.bpmn");
    CompletableFuture<List<ActivatedJob>> poll =
        client
            .newActivateJobsCommand()
            .jobType("work")
            .maxJobsToActivate(1)
            .requestTimeout(Duration.ofSeconds(8))
            .send()
            .toCompletableFuture()
            .thenApply(r -> r.getJobs());

    long pi = engine.start("single-service-task", Map.of()).getProcessInstanceKey();

    assertThat(poll.orTimeout(5, TimeUnit.SECONDS).join())
        .singleElement()
        .satisfies(job -> assertThat(job.getProcessInstanceKey()).isEqualTo(pi));
  }

  @Test
  void shouldAnswerAnEmptyLongPollWhenItsRequestTimeoutPasses() {
    assertThat(
            client
                .newActivateJobsCommand()
                .jobType("nothing")
                .maxJobsToActivate(1)
                .requestTimeout(Duration.ofMillis(200))
                .send()
                .join()
                .getJobs())
        .isEmpty();
  }

  @Test
  void shouldPushJobsToAnOpenStream(TestEngine engine) {
    engine.deploy("single-service-task.bpmn");
    List<ActivatedJob> pushed = new CopyOnWriteArrayList<>();
    var stream =
        client
            .newStreamJobsCommand()
            .jobType("work")
            .consumer(pushed::add)
            .workerName("推送")
            .timeout(Duration.ofMinutes(1))
            .send();
    try {
      // the stream is registered asynchronously: jobs created before it are pushed too, so no race
      long first = engine.start("single-service-task", Map.of("n", 1)).getProcessInstanceKey();
      long second = engine.start("single-service-task", Map.of("n", 2)).getProcessInstanceKey();

      await().atMost(Duration.ofSeconds(10)).until(() -> pushed.size() == 2);
      assertThat(pushed)
          .extracting(ActivatedJob::getProcessInstanceKey)
          .containsExactlyInAnyOrder(first, second);
      assertThat(pushed).allSatisfy(job -> assertThat(job.getWorker()).isEqualTo("推送"));
      assertThat(engine.activateNow("work")).as("pushed jobs are locked").isEmpty();
      assertThat(engine.managementGet("/actuator/jobstreams").get("streams"))
          .singleElement()
          .satisfies(
              open -> {
                assertThat(open.get("type").asText()).isEqualTo("work");
                assertThat(open.get("worker").asText()).isEqualTo("推送");
                assertThat(open.get("timeoutMillis").asLong()).isEqualTo(60_000);
                assertThat(open.get("pushedJobs").asLong()).isEqualTo(2);
              });
      pushed.forEach(job -> client.newCompleteCommand(job).send().join());
      assertThat(engine.state(first)).isEqualTo(ProcessInstanceState.COMPLETED);
    } finally {
      stream.cancel(true);
    }
  }

  @Test
  void shouldStopPushingToAClosedStream(TestEngine engine) {
    engine.deploy("single-service-task.bpmn");
    List<ActivatedJob> pushed = new CopyOnWriteArrayList<>();
    var stream =
        client
            .newStreamJobsCommand()
            .jobType("work")
            .consumer(pushed::add)
            .workerName("stream")
            .timeout(Duration.ofMinutes(1))
            .send();
    engine.start("single-service-task", Map.of());
    await().atMost(Duration.ofSeconds(10)).until(() -> pushed.size() == 1);

    stream.cancel(true);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> engine.managementGet("/actuator/jobstreams").get("streams").isEmpty());
    // a later job is left for the pollers, not pushed to the closed stream and locked there
    long later = engine.start("single-service-task", Map.of()).getProcessInstanceKey();
    assertThat(engine.activateNow("work"))
        .singleElement()
        .satisfies(job -> assertThat(job.getProcessInstanceKey()).isEqualTo(later));
    assertThat(pushed).hasSize(1);
  }

  @Test
  void shouldGiveBackJobsActivatedForACallTheClientCancelled(TestEngine engine) throws Exception {
    engine.deploy("single-service-task.bpmn");
    long instance = engine.start("single-service-task", Map.of()).getProcessInstanceKey();
    // the client cancels as the engine activates: the answer finds the call cancelled (a race that
    // the
    // network cannot stage on cue, so the call is one that is cancelled from the start)
    CancelledCall<ActivateJobsResponse> call = new CancelledCall<>();
    GatewayService service = new GatewayService(engine.bean(EngineApi.class), "127.0.0.1");

    service.activateJobs(
        ActivateJobsRequest.newBuilder()
            .setType("work")
            .setWorker("gone")
            .setMaxJobsToActivate(10)
            .setTimeout(Duration.ofHours(1).toMillis())
            .setRequestTimeout(-1)
            .build(),
        call);

    // locked for an hour unless given back: the next poll gets it at once
    ActivatedJob job = engine.activateOne("work");
    assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(call.sent).isEmpty();
  }

  /** A server call that the client has already cancelled: whatever is sent on it goes nowhere. */
  private static final class CancelledCall<T> extends ServerCallStreamObserver<T> {
    final List<Object> sent = new CopyOnWriteArrayList<>();

    @Override
    public boolean isCancelled() {
      return true;
    }

    @Override
    public void setOnCancelHandler(Runnable onCancelHandler) {}

    @Override
    public void setCompression(String compression) {}

    @Override
    public boolean isReady() {
      return false;
    }

    @Override
    public void setOnReadyHandler(Runnable onReadyHandler) {}

    @Override
    public void request(int count) {}

    @Override
    public void setMessageCompression(boolean enable) {}

    @Override
    public void disableAutoInboundFlowControl() {}

    @Override
    public void onNext(T value) {
      sent.add(value);
    }

    @Override
    public void onError(Throwable t) {
      sent.add(t);
    }

    @Override
    public void onCompleted() {}
  }

  @Test
  void shouldWorkJobsWithAStreamingJobWorker(TestEngine engine) {
    engine.deploy("single-service-task.bpmn");
    List<Long> handled = new CopyOnWriteArrayList<>();
    try (JobWorker worker =
        client
            .newWorker()
            .jobType("work")
            .handler(
                (jobClient, job) -> {
                  jobClient
                      .newCompleteCommand(job)
                      .variables(Map.of("handledBy", "stream"))
                      .send()
                      .join();
                  handled.add(job.getProcessInstanceKey());
                })
            .streamEnabled(true)
            // polling backs off to once an hour while streaming: the jobs below come by the stream
            .pollInterval(Duration.ofHours(1))
            .open()) {
      List<Long> instances =
          List.of(
              engine.start("single-service-task", Map.of()).getProcessInstanceKey(),
              engine.start("single-service-task", Map.of()).getProcessInstanceKey(),
              engine.start("single-service-task", Map.of()).getProcessInstanceKey());

      await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 3);
      assertThat(handled).containsExactlyInAnyOrderElementsOf(instances);
      instances.forEach(
          pi -> assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED));
    }
  }

  @Test
  void shouldAnswerWithZeebesStatusCodes(TestEngine engine) {
    engine.deploy("single-service-task.bpmn");
    engine.start("single-service-task", Map.of());
    ActivatedJob job = engine.activateOne("work");
    client.newFailCommand(job.getKey()).retries(0).send().join();

    assertThat(status(() -> client.newCompleteCommand(123L).send().join()).getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
    Status failedTwice = status(() -> client.newFailCommand(job.getKey()).retries(0).send().join());
    assertThat(failedTwice.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(failedTwice.getDescription()).contains("rejected with code 'INVALID_STATE'");
    assertThat(
            status(
                    () ->
                        client
                            .newCreateInstanceCommand()
                            .bpmnProcessId("unknown")
                            .latestVersion()
                            .send()
                            .join())
                .getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(
            status(
                    () ->
                        client
                            .newDeployResourceCommand()
                            .addResourceBytes("<definitions/>".getBytes(), "broken.bpmn")
                            .send()
                            .join())
                .getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(
            status(
                    () ->
                        client
                            .newCreateInstanceCommand()
                            .bpmnProcessId("single-service-task")
                            .latestVersion()
                            .variables("[1,2]")
                            .send()
                            .join())
                .getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(
            status(
                    () ->
                        client
                            .newModifyProcessInstanceCommand(1L)
                            .terminateElement(2L)
                            .send()
                            .join())
                .getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void shouldAwaitAnInstancesResultOverGrpc(TestEngine engine) {
    engine.deploy("single-service-task.bpmn");
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("single-service-task")
            .latestVersion()
            .variables(Map.of("a", 1))
            .withResult()
            .requestTimeout(Duration.ofSeconds(10))
            .send();
    ActivatedJob job = engine.activateOne("work");
    client.newCompleteCommand(job.getKey()).variables(Map.of("b", 2)).send().join();

    assertThat(result.join().getVariablesAsMap()).containsEntry("a", 1).containsEntry("b", 2);
  }

  private static Status status(Runnable call) {
    return catchThrowableOfType(ClientStatusException.class, call::run).getStatus();
  }
}
