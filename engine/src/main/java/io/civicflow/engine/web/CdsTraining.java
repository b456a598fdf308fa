package io.civicflow.engine.web;

import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass;
import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.grpc.GrpcGateway;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -XX:ArchiveClassesAtExit=ARCHIVE -jar civicflow-engine.jar cds-training}: the
 * training run of the launcher's class-data sharing archive (see {@code
 * src/main/dist/bin/civicflow-engine}). The archive holds the classes this JVM loaded, so the run
 * goes through what a restart goes through: on a temporary data directory it journals a deployment
 * and a few instances, then starts the standalone application on it (snapshot-less recovery:
 * decoding the journal, transforming the BPMN, applying the events) on ephemeral ports, and answers
 * a process-instance search, a creation and a job activation over HTTP, and a topology and a job
 * activation over the gRPC gateway, with the built-in demo users' Basic authentication. Then it
 * deletes the directory and exits. An empty start (Spring's {@code
 * -Dspring.context.exit=onRefresh}) would leave out the 2,800 classes of the recovery and the first
 * requests.
 */
final class CdsTraining {

  static final String COMMAND = "cds-training";

  private static final String PROCESS_ID = "cds-training";

  /** The built-in demo user, as HTTP Basic credentials (the same value in gRPC metadata). */
  private static final String DEMO_CREDENTIALS =
      "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8));

  /** Start, a job, an exclusive gateway with a FEEL condition and a default flow, two ends. */
  private static final String MODEL =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_CdsTraining"
          targetNamespace="http://civicflow.io/cds-training">
        <bpmn:process id="cds-training" isExecutable="true">
          <bpmn:startEvent id="StartEvent_Start"/>
          <bpmn:sequenceFlow id="Flow_ToTask" sourceRef="StartEvent_Start" targetRef="Task_Work"/>
          <bpmn:serviceTask id="Task_Work">
            <bpmn:extensionElements><zeebe:taskDefinition type="cds-training"/></bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="Flow_ToGateway" sourceRef="Task_Work" targetRef="Gateway_Ok"/>
          <bpmn:exclusiveGateway id="Gateway_Ok" default="Flow_Otherwise"/>
          <bpmn:sequenceFlow id="Flow_Ok" sourceRef="Gateway_Ok" targetRef="EndEvent_Ok">
            <bpmn:conditionExpression>= ok = true</bpmn:conditionExpression>
          </bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="Flow_Otherwise" sourceRef="Gateway_Ok" targetRef="EndEvent_Otherwise"/>
          <bpmn:endEvent id="EndEvent_Ok"/>
          <bpmn:endEvent id="EndEvent_Otherwise"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  private CdsTraining() {}

  static void run() throws Exception {
    Path dataDir = Files.createTempDirectory("civicflow-cds-training");
    try {
      journal(dataDir);
      SpringApplication application = EngineApplication.standalone();
      try (ConfigurableApplicationContext context =
          application.run(
              "--server.port=0",
              "--management.server.port=0",
              "--civicflow.engine.grpc.port=0",
              "--civicflow.engine.data-dir=" + dataDir,
              "--civicflow.engine.auth.enabled=true",
              "--civicflow.engine.auth.users-file=" + EngineProperties.Auth.DEFAULT_USERS_FILE)) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        URI rest = URI.create("http://127.0.0.1:" + port);
        post(
            rest,
            "/v2/process-instances/search",
            "{\"filter\":{\"state\":\"ACTIVE\"},\"page\":{\"limit\":1}}");
        post(
            rest,
            "/v2/process-instances",
            "{\"processDefinitionId\":\"" + PROCESS_ID + "\",\"variables\":{\"ok\":true}}");
        post(
            rest,
            "/v2/jobs/activation",
            "{\"type\":\""
                + PROCESS_ID
                + "\",\"timeout\":60000,\"maxJobsToActivate\":1,\"requestTimeout\":-1}");
        grpc(context.getBean(GrpcGateway.class).port());
      }
    } finally {
      deleteRecursively(dataDir);
    }
  }

  /**
   * A deployment, an instance taken through its job and the gateway, one left waiting for its job.
   */
  private static void journal(Path dataDir) {
    try (Engine engine = Engine.start(EngineConfig.durable(dataDir))) {
      engine
          .deploy(
              new Deploy(
                  List.of(
                      new DeployResource(
                          PROCESS_ID + ".bpmn", MODEL.getBytes(StandardCharsets.UTF_8))),
                  Commands.DEFAULT_TENANT))
          .join();
      for (int i = 0; i < 2; i++) {
        engine
            .createProcessInstance(
                new CreateProcessInstance(
                    PROCESS_ID,
                    null,
                    null,
                    Map.of("ok", i == 0),
                    List.of(),
                    List.of(),
                    false,
                    List.of(),
                    0,
                    Commands.DEFAULT_TENANT))
            .join();
      }
      List<ActivatedJob> jobs =
          engine
              .activateJobs(
                  new ActivateJobs(
                      PROCESS_ID,
                      "cds-training",
                      60_000,
                      1,
                      List.of(),
                      -1,
                      List.of(Commands.DEFAULT_TENANT)))
              .join();
      for (ActivatedJob job : jobs) {
        engine.completeJob(new CompleteJob(job.jobKey(), Map.of())).join();
      }
    }
  }

  /** The gRPC gateway's call path: a topology and a job activation, as a gRPC worker starts. */
  private static void grpc(int port) throws InterruptedException {
    Metadata credentials = new Metadata();
    credentials.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), DEMO_CREDENTIALS);
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      GatewayGrpc.GatewayBlockingStub gateway =
          GatewayGrpc.newBlockingStub(channel)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials))
              .withDeadlineAfter(30, TimeUnit.SECONDS);
      gateway.topology(GatewayOuterClass.TopologyRequest.getDefaultInstance());
      gateway
          .activateJobs(
              GatewayOuterClass.ActivateJobsRequest.newBuilder()
                  .setType(PROCESS_ID)
                  .setWorker("cds-training")
                  .setTimeout(60_000)
                  .setMaxJobsToActivate(1)
                  .setRequestTimeout(-1)
                  .build())
          .forEachRemaining(response -> {});
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static void post(URI rest, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(rest.resolve(path))
            .header("Content-Type", "application/json")
            .header("Authorization", DEMO_CREDENTIALS)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "The training request "
              + path
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
