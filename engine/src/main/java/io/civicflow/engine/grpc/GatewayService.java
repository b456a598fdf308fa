package io.civicflow.engine.grpc;

import static io.civicflow.engine.grpc.UnaryCalls.answer;

import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BroadcastSignalRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BroadcastSignalResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CancelProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CancelProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeleteResourceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeleteResourceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployProcessRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployProcessResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.MigrateProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.MigrateProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ModifyProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ModifyProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ResolveIncidentRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ResolveIncidentResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.SetVariablesRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.SetVariablesResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.StreamActivatedJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobRetriesRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobRetriesResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobTimeoutRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobTimeoutResponse;
import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.Results;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zeebe's {@code gateway_protocol.Gateway} service on the engine's API: the same commands as the
 * REST API, with the gateway protocol's defaults (0 and "" mean "not set"), Zeebe's status codes
 * ({@link GrpcStatuses}) and its long polling and job streaming. Every answer comes when the engine
 * has made the command durable. Resource deletion is not supported by the engine: it answers {@code
 * UNIMPLEMENTED}.
 *
 * <p>Its parts: {@link GatewayRequests} reads the requests into commands, {@link Protos} renders
 * the results, {@link UnaryCalls} answers a unary call and {@link JobStreamCall} is one open job
 * stream.
 */
final class GatewayService extends GatewayGrpc.GatewayImplBase {

  /** The gateway version reported by the topology: the Camunda line this engine speaks. */
  static final String GATEWAY_VERSION = "8.8.14";

  private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);

  private final EngineApi unauthenticated;
  private final String advertisedHost;
  private volatile int advertisedPort;
  private final Set<JobStreamCall> streams = ConcurrentHashMap.newKeySet();

  GatewayService(EngineApi engine, String advertisedHost) {
    this.unauthenticated = engine;
    this.advertisedHost = advertisedHost;
  }

  /**
   * The engine as the call's caller may use it ({@link GrpcAuthentication} put it in the call's
   * context); the engine itself when authentication is off.
   */
  private EngineApi engine() {
    EngineApi caller = GrpcAuthentication.CALLER_ENGINE.get();
    return caller != null ? caller : unauthenticated;
  }

  /** The port the topology reports: the server's, once it is bound. */
  void advertisePort(int port) {
    this.advertisedPort = port;
  }

  // ------------------------------------------------------------------------------------ cluster

  @Override
  public void topology(TopologyRequest request, StreamObserver<TopologyResponse> observer) {
    answer(
        "Topology",
        observer,
        () ->
            CompletableFuture.completedFuture(
                Protos.topology(
                    engine().topology(), advertisedHost, advertisedPort, GATEWAY_VERSION)),
        Function.identity());
  }

  // ------------------------------------------------------------------------------------ deployment

  @Override
  public void deployResource(
      DeployResourceRequest request, StreamObserver<DeployResourceResponse> observer) {
    answer(
        "DeployResource",
        observer,
        () -> engine().deploy(GatewayRequests.deploy(request)),
        Protos::deployResource);
  }

  /** The deprecated BPMN-only deployment, still sent by old clients. */
  @Override
  @SuppressWarnings("deprecation")
  public void deployProcess(
      DeployProcessRequest request, StreamObserver<DeployProcessResponse> observer) {
    answer(
        "DeployProcess",
        observer,
        () -> engine().deploy(GatewayRequests.deploy(request)),
        Protos::deployProcess);
  }

  @Override
  public void deleteResource(
      DeleteResourceRequest request, StreamObserver<DeleteResourceResponse> observer) {
    answer(
        "DeleteResource",
        observer,
        () -> engine().deleteResource(request.getResourceKey()),
        done -> DeleteResourceResponse.getDefaultInstance());
  }

  // ------------------------------------------------------------------------------------ process
  // instances

  @Override
  public void createProcessInstance(
      CreateProcessInstanceRequest request,
      StreamObserver<CreateProcessInstanceResponse> observer) {
    answer(
        "CreateProcessInstance",
        observer,
        () -> engine().createProcessInstance(GatewayRequests.creation(request)),
        Protos::created);
  }

  /**
   * Answers when the instance completes. Without a request timeout the call's own deadline (the
   * client's request timeout) bounds the wait, as in Zeebe; without either the engine's default.
   */
  @Override
  public void createProcessInstanceWithResult(
      CreateProcessInstanceWithResultRequest request,
      StreamObserver<CreateProcessInstanceWithResultResponse> observer) {
    answer(
        "CreateProcessInstanceWithResult",
        observer,
        () ->
            engine()
                .createProcessInstance(
                    GatewayRequests.creation(request, Context.current().getDeadline())),
        Protos::completed);
  }

  @Override
  public void cancelProcessInstance(
      CancelProcessInstanceRequest request,
      StreamObserver<CancelProcessInstanceResponse> observer) {
    answer(
        "CancelProcessInstance",
        observer,
        () -> engine().cancelProcessInstance(request.getProcessInstanceKey()),
        done -> CancelProcessInstanceResponse.getDefaultInstance());
  }

  @Override
  public void setVariables(
      SetVariablesRequest request, StreamObserver<SetVariablesResponse> observer) {
    answer(
        "SetVariables",
        observer,
        () -> engine().setVariables(GatewayRequests.setVariables(request)),
        key -> SetVariablesResponse.newBuilder().setKey(key).build());
  }

  @Override
  public void modifyProcessInstance(
      ModifyProcessInstanceRequest request,
      StreamObserver<ModifyProcessInstanceResponse> observer) {
    answer(
        "ModifyProcessInstance",
        observer,
        () -> engine().modifyProcessInstance(GatewayRequests.modification(request)),
        done -> ModifyProcessInstanceResponse.getDefaultInstance());
  }

  @Override
  public void migrateProcessInstance(
      MigrateProcessInstanceRequest request,
      StreamObserver<MigrateProcessInstanceResponse> observer) {
    answer(
        "MigrateProcessInstance",
        observer,
        () -> engine().migrateProcessInstance(GatewayRequests.migration(request)),
        done -> MigrateProcessInstanceResponse.getDefaultInstance());
  }

  @Override
  public void resolveIncident(
      ResolveIncidentRequest request, StreamObserver<ResolveIncidentResponse> observer) {
    answer(
        "ResolveIncident",
        observer,
        () -> engine().resolveIncident(request.getIncidentKey()),
        done -> ResolveIncidentResponse.getDefaultInstance());
  }

  // ------------------------------------------------------------------------------------ messages,
  // signals, decisions

  @Override
  public void publishMessage(
      PublishMessageRequest request, StreamObserver<PublishMessageResponse> observer) {
    answer(
        "PublishMessage",
        observer,
        () -> engine().publishMessage(GatewayRequests.publishMessage(request)),
        published ->
            PublishMessageResponse.newBuilder()
                .setKey(published.messageKey())
                .setTenantId(Commands.tenantOrDefault(published.tenantId()))
                .build());
  }

  @Override
  public void broadcastSignal(
      BroadcastSignalRequest request, StreamObserver<BroadcastSignalResponse> observer) {
    answer(
        "BroadcastSignal",
        observer,
        () -> engine().broadcastSignal(GatewayRequests.broadcastSignal(request)),
        broadcast ->
            BroadcastSignalResponse.newBuilder()
                .setKey(broadcast.signalKey())
                .setTenantId(Commands.tenantOrDefault(broadcast.tenantId()))
                .build());
  }

  @Override
  public void evaluateDecision(
      EvaluateDecisionRequest request, StreamObserver<EvaluateDecisionResponse> observer) {
    answer(
        "EvaluateDecision",
        observer,
        () -> engine().evaluateDecision(GatewayRequests.evaluateDecision(request)),
        Protos::decision);
  }

  // ------------------------------------------------------------------------------------ jobs

  /**
   * Long polling: one response with the jobs as soon as some are activatable, or the call completes
   * without a response when the request timeout passes (0 = the engine's long-poll timeout,
   * negative = answer at once). A call the client cancels is not handed any more jobs, and jobs
   * activated for it as it went away are given back at once (not left locked until their timeout).
   */
  @Override
  public void activateJobs(
      ActivateJobsRequest request, StreamObserver<ActivateJobsResponse> observer) {
    EngineApi engine = engine();
    // the engine checks the request (type, maxJobsToActivate, timeout): a refusal fails the future
    CompletableFuture<List<Results.ActivatedJob>> activation =
        engine.activateJobs(GatewayRequests.activateJobs(request));
    ServerCallStreamObserver<ActivateJobsResponse> call =
        (ServerCallStreamObserver<ActivateJobsResponse>) observer;
    call.setOnCancelHandler(() -> activation.cancel(false));
    activation.whenComplete(
        (jobs, failure) -> {
          if (failure != null) {
            observer.onError(GrpcStatuses.of("ActivateJobs", failure));
            return;
          }
          if (call.isCancelled()) {
            if (!jobs.isEmpty()) {
              LOG.debug(
                  "Giving back {} job(s) of type {}: the call was cancelled as they were activated",
                  jobs.size(),
                  request.getType());
              engine.yieldJobs(jobs);
            }
            return;
          }
          if (!jobs.isEmpty()) {
            ActivateJobsResponse.Builder response = ActivateJobsResponse.newBuilder();
            jobs.forEach(job -> response.addJobs(Protos.job(job)));
            observer.onNext(response.build());
          }
          observer.onCompleted();
        });
  }

  /**
   * Job push: the call stays open and receives every job of its type as it becomes activatable, as
   * long as the transport can take it; jobs it could not take go back to the engine at once.
   */
  @Override
  public void streamActivatedJobs(
      StreamActivatedJobsRequest request, StreamObserver<ActivatedJob> observer) {
    ServerCallStreamObserver<ActivatedJob> call = (ServerCallStreamObserver<ActivatedJob>) observer;

    try {
      Commands.StreamJobs command = GatewayRequests.streamJobs(request);
      JobStreamCall stream = new JobStreamCall(call, command);
      stream.registration = engine().openJobStream(command, stream);
      streams.add(stream);
      call.setOnReadyHandler(stream.registration::readyAgain);
      call.setOnCancelHandler(
          () -> {
            streams.remove(stream);
            stream.registration.close();
          });
      LOG.debug(
          "Opened a job stream of type {} for worker {}", request.getType(), request.getWorker());
    } catch (RuntimeException invalid) {
      observer.onError(GrpcStatuses.of("StreamActivatedJobs", invalid));
    }
  }

  @Override
  public void completeJob(
      CompleteJobRequest request, StreamObserver<CompleteJobResponse> observer) {
    answer(
        "CompleteJob",
        observer,
        () -> engine().completeJob(GatewayRequests.completeJob(request)),
        done -> CompleteJobResponse.getDefaultInstance());
  }

  @Override
  public void failJob(FailJobRequest request, StreamObserver<FailJobResponse> observer) {
    answer(
        "FailJob",
        observer,
        () -> engine().failJob(GatewayRequests.failJob(request)),
        done -> FailJobResponse.getDefaultInstance());
  }

  @Override
  public void throwError(ThrowErrorRequest request, StreamObserver<ThrowErrorResponse> observer) {
    answer(
        "ThrowError",
        observer,
        () -> engine().throwError(GatewayRequests.throwError(request)),
        done -> ThrowErrorResponse.getDefaultInstance());
  }

  @Override
  public void updateJobRetries(
      UpdateJobRetriesRequest request, StreamObserver<UpdateJobRetriesResponse> observer) {
    answer(
        "UpdateJobRetries",
        observer,
        () ->
            engine()
                .updateJob(new Commands.UpdateJob(request.getJobKey(), request.getRetries(), null)),
        done -> UpdateJobRetriesResponse.getDefaultInstance());
  }

  @Override
  public void updateJobTimeout(
      UpdateJobTimeoutRequest request, StreamObserver<UpdateJobTimeoutResponse> observer) {
    answer(
        "UpdateJobTimeout",
        observer,
        () ->
            engine()
                .updateJob(new Commands.UpdateJob(request.getJobKey(), null, request.getTimeout())),
        done -> UpdateJobTimeoutResponse.getDefaultInstance());
  }

  // ------------------------------------------------------------------------------------ plumbing

  /** The open job streams, with how many jobs each has been pushed. */
  List<OpenJobStream> jobStreams() {
    return streams.stream().map(JobStreamCall::describe).toList();
  }

  /**
   * Ends every open job stream (the server is stopping): the clients reopen them elsewhere or
   * later.
   */
  void closeStreams() {
    for (JobStreamCall stream : streams) {
      streams.remove(stream);
      stream.registration.close();
      stream.end(Status.UNAVAILABLE.withDescription("The engine is shutting down"));
    }
  }
}
