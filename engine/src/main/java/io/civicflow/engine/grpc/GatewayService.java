package io.civicflow.engine.grpc;

import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BroadcastSignalRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BroadcastSignalResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BrokerInfo;
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
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Partition;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ProcessInstanceCreationStartInstruction;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ProcessRequestObject;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ResolveIncidentRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ResolveIncidentResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Resource;
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
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.JobStreamConsumer;
import io.civicflow.engine.api.JobStreamRegistration;
import io.civicflow.engine.api.Results;
import io.civicflow.engine.api.Results.DeployedProcess;
import io.civicflow.engine.api.Results.DeploymentResult;
import io.civicflow.engine.api.Results.ProcessInstanceCreated;
import io.civicflow.engine.grpc.GrpcStatuses.InvalidRequestException;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zeebe's {@code gateway_protocol.Gateway} service on the engine's API: the same commands as the
 * REST API, with the gateway protocol's defaults (0 and "" mean "not set"), Zeebe's status codes
 * ({@link GrpcStatuses}) and its long polling and job streaming. Every answer comes when the engine
 * has made the command durable. Process instance modification and migration and resource deletion
 * are not supported by the engine: they answer {@code UNIMPLEMENTED}.
 */
final class GatewayService extends GatewayGrpc.GatewayImplBase {

  /** The gateway version reported by the topology: the Camunda line this engine speaks. */
  static final String GATEWAY_VERSION = "8.8.14";

  private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);

  private final EngineApi engine;
  private final String advertisedHost;
  private volatile int advertisedPort;
  private final Set<JobStreamCall> streams = ConcurrentHashMap.newKeySet();

  GatewayService(EngineApi engine, String advertisedHost) {
    this.engine = engine;
    this.advertisedHost = advertisedHost;
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
        () -> {
          Results.Topology topology = engine.topology();
          Partition partition =
              Partition.newBuilder()
                  .setPartitionId(1)
                  .setRole(Partition.PartitionBrokerRole.LEADER)
                  .setHealth(
                      topology.healthy()
                          ? Partition.PartitionBrokerHealth.HEALTHY
                          : Partition.PartitionBrokerHealth.UNHEALTHY)
                  .build();
          BrokerInfo broker =
              BrokerInfo.newBuilder()
                  .setNodeId(0)
                  .setHost(advertisedHost)
                  .setPort(advertisedPort)
                  .addPartitions(partition)
                  .setVersion(topology.version() == null ? GATEWAY_VERSION : topology.version())
                  .build();
          return CompletableFuture.completedFuture(
              TopologyResponse.newBuilder()
                  .addBrokers(broker)
                  .setClusterSize(1)
                  .setPartitionsCount(1)
                  .setReplicationFactor(1)
                  .setGatewayVersion(GATEWAY_VERSION)
                  .build());
        },
        Function.identity());
  }

  // ------------------------------------------------------------------------------------ deployment

  @Override
  public void deployResource(
      DeployResourceRequest request, StreamObserver<DeployResourceResponse> observer) {
    answer(
        "DeployResource",
        observer,
        () -> {
          List<DeployResource> resources = new ArrayList<>();
          for (Resource resource : request.getResourcesList()) {
            resources.add(
                new DeployResource(
                    Protos.requireText(resource.getName(), "resource name"),
                    resource.getContent().toByteArray()));
          }
          return deploy(resources, request.getTenantId());
        },
        result -> {
          DeployResourceResponse.Builder response =
              DeployResourceResponse.newBuilder()
                  .setKey(result.deploymentKey())
                  .setTenantId(Commands.tenantOrDefault(result.tenantId()));
          result
              .resources()
              .forEach(resource -> response.addDeployments(Protos.deployment(resource)));
          return response.build();
        });
  }

  /** The deprecated BPMN-only deployment, still sent by old clients. */
  @Override
  @SuppressWarnings("deprecation")
  public void deployProcess(
      DeployProcessRequest request, StreamObserver<DeployProcessResponse> observer) {
    answer(
        "DeployProcess",
        observer,
        () -> {
          List<DeployResource> resources = new ArrayList<>();
          for (ProcessRequestObject process : request.getProcessesList()) {
            resources.add(
                new DeployResource(
                    Protos.requireText(process.getName(), "process name"),
                    process.getDefinition().toByteArray()));
          }
          return deploy(resources, "");
        },
        result -> {
          DeployProcessResponse.Builder response =
              DeployProcessResponse.newBuilder().setKey(result.deploymentKey());
          result.resources().stream()
              .filter(DeployedProcess.class::isInstance)
              .map(DeployedProcess.class::cast)
              .forEach(p -> response.addProcesses(Protos.process(p)));
          return response.build();
        });
  }

  /** The engine refuses an empty deployment. */
  private CompletableFuture<DeploymentResult> deploy(
      List<DeployResource> resources, String tenantId) {
    return engine.deploy(new Commands.Deploy(resources, Commands.tenantOrDefault(tenantId)));
  }

  @Override
  public void deleteResource(
      DeleteResourceRequest request, StreamObserver<DeleteResourceResponse> observer) {
    unsupported(observer, "Deleting resources");
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
        () -> engine.createProcessInstance(creation(request, false, List.of(), 0)),
        created ->
            CreateProcessInstanceResponse.newBuilder()
                .setProcessDefinitionKey(created.processDefinitionKey())
                .setBpmnProcessId(created.bpmnProcessId())
                .setVersion(created.version())
                .setProcessInstanceKey(created.processInstanceKey())
                .setTenantId(Commands.tenantOrDefault(created.tenantId()))
                .addAllTags(created.tags() == null ? List.of() : created.tags())
                .build());
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
        () -> {
          long timeout = request.getRequestTimeout();
          Deadline deadline = Context.current().getDeadline();
          if (timeout <= 0 && deadline != null) {
            timeout = Math.max(1, deadline.timeRemaining(TimeUnit.MILLISECONDS));
          }
          return engine.createProcessInstance(
              creation(request.getRequest(), true, request.getFetchVariablesList(), timeout));
        },
        (ProcessInstanceCreated created) ->
            CreateProcessInstanceWithResultResponse.newBuilder()
                .setProcessDefinitionKey(created.processDefinitionKey())
                .setBpmnProcessId(created.bpmnProcessId())
                .setVersion(created.version())
                .setProcessInstanceKey(created.processInstanceKey())
                .setVariables(Protos.json(created.variables()))
                .setTenantId(Commands.tenantOrDefault(created.tenantId()))
                .addAllTags(created.tags() == null ? List.of() : created.tags())
                .build());
  }

  private static Commands.CreateProcessInstance creation(
      CreateProcessInstanceRequest request,
      boolean await,
      List<String> fetchVariables,
      long timeoutMillis) {
    boolean byKey = request.getProcessDefinitionKey() > 0;
    if (!byKey && request.getBpmnProcessId().isBlank()) {
      throw new InvalidRequestException(
          "Expected either a process definition key or a BPMN process id, but none given");
    }
    if (request.getRuntimeInstructionsCount() > 0) {
      throw new InvalidRequestException(
          "Runtime instructions are not supported by this engine yet");
    }
    List<String> startElements =
        request.getStartInstructionsList().stream()
            .map(ProcessInstanceCreationStartInstruction::getElementId)
            .map(id -> Protos.requireText(id, "the element id of a start instruction"))
            .toList();
    return new Commands.CreateProcessInstance(
        byKey ? null : request.getBpmnProcessId(),
        byKey || request.getVersion() < 0 ? null : request.getVersion(),
        byKey ? request.getProcessDefinitionKey() : null,
        Protos.variables(request.getVariables(), "variables"),
        List.copyOf(request.getTagsList()),
        startElements,
        await,
        List.copyOf(fetchVariables),
        timeoutMillis,
        Commands.tenantOrDefault(request.getTenantId()));
  }

  @Override
  public void cancelProcessInstance(
      CancelProcessInstanceRequest request,
      StreamObserver<CancelProcessInstanceResponse> observer) {
    answer(
        "CancelProcessInstance",
        observer,
        () -> engine.cancelProcessInstance(request.getProcessInstanceKey()),
        done -> CancelProcessInstanceResponse.getDefaultInstance());
  }

  @Override
  public void setVariables(
      SetVariablesRequest request, StreamObserver<SetVariablesResponse> observer) {
    answer(
        "SetVariables",
        observer,
        () ->
            engine.setVariables(
                new Commands.SetVariables(
                    request.getElementInstanceKey(),
                    Protos.variables(request.getVariables(), "variables"),
                    request.getLocal())),
        key -> SetVariablesResponse.newBuilder().setKey(key).build());
  }

  @Override
  public void modifyProcessInstance(
      ModifyProcessInstanceRequest request,
      StreamObserver<ModifyProcessInstanceResponse> observer) {
    unsupported(observer, "Modifying process instances");
  }

  @Override
  public void migrateProcessInstance(
      MigrateProcessInstanceRequest request,
      StreamObserver<MigrateProcessInstanceResponse> observer) {
    unsupported(observer, "Migrating process instances");
  }

  @Override
  public void resolveIncident(
      ResolveIncidentRequest request, StreamObserver<ResolveIncidentResponse> observer) {
    answer(
        "ResolveIncident",
        observer,
        () -> engine.resolveIncident(request.getIncidentKey()),
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
        () ->
            engine.publishMessage(
                new Commands.PublishMessage(
                    Protos.requireText(request.getName(), "the message name"),
                    request.getCorrelationKey(),
                    request.getTimeToLive(),
                    request.getMessageId().isEmpty() ? null : request.getMessageId(),
                    Protos.variables(request.getVariables(), "variables"),
                    Commands.tenantOrDefault(request.getTenantId()))),
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
        () ->
            engine.broadcastSignal(
                new Commands.BroadcastSignal(
                    Protos.requireText(request.getSignalName(), "the signal name"),
                    Protos.variables(request.getVariables(), "variables"),
                    Commands.tenantOrDefault(request.getTenantId()))),
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
        () -> {
          boolean byKey = request.getDecisionKey() > 0;
          if (!byKey && request.getDecisionId().isBlank()) {
            throw new InvalidRequestException(
                "Expected either a decision key or a decision id, but none given");
          }
          return engine.evaluateDecision(
              new Commands.EvaluateDecision(
                  byKey ? request.getDecisionKey() : null,
                  byKey ? null : request.getDecisionId(),
                  Protos.variables(request.getVariables(), "variables"),
                  Commands.tenantOrDefault(request.getTenantId())));
        },
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
    // the engine checks the request (type, maxJobsToActivate, timeout): a refusal fails the future
    CompletableFuture<List<Results.ActivatedJob>> activation =
        engine.activateJobs(
            new Commands.ActivateJobs(
                request.getType(),
                request.getWorker(),
                request.getTimeout(),
                request.getMaxJobsToActivate(),
                List.copyOf(request.getFetchVariableList()),
                request.getRequestTimeout(),
                Commands.tenantsOrDefault(request.getTenantIdsList())));
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
      String type = request.getType(); // the engine refuses an empty one
      Commands.StreamJobs command =
          new Commands.StreamJobs(
              type,
              request.getWorker(),
              request.getTimeout(),
              List.copyOf(request.getFetchVariableList()),
              Commands.tenantsOrDefault(request.getTenantIdsList()));
      JobStreamCall stream = new JobStreamCall(call, command);
      stream.registration = engine.openJobStream(command, stream);
      streams.add(stream);
      call.setOnReadyHandler(stream.registration::readyAgain);
      call.setOnCancelHandler(
          () -> {
            streams.remove(stream);
            stream.registration.close();
          });
      LOG.debug("Opened a job stream of type {} for worker {}", type, request.getWorker());
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
        () -> {
          if (request.hasResult()) {
            throw new InvalidRequestException(
                "Job results (task listeners, ad-hoc sub-processes) are not supported by this engine yet");
          }
          return engine.completeJob(
              new Commands.CompleteJob(
                  request.getJobKey(), Protos.variables(request.getVariables(), "variables")));
        },
        done -> CompleteJobResponse.getDefaultInstance());
  }

  @Override
  public void failJob(FailJobRequest request, StreamObserver<FailJobResponse> observer) {
    answer(
        "FailJob",
        observer,
        () ->
            engine.failJob(
                new Commands.FailJob(
                    request.getJobKey(),
                    request.getRetries(),
                    request.getErrorMessage(),
                    request.getRetryBackOff(),
                    Protos.variables(request.getVariables(), "variables"))),
        done -> FailJobResponse.getDefaultInstance());
  }

  @Override
  public void throwError(ThrowErrorRequest request, StreamObserver<ThrowErrorResponse> observer) {
    answer(
        "ThrowError",
        observer,
        () ->
            engine.throwError(
                new Commands.ThrowError(
                    request.getJobKey(),
                    Protos.requireText(request.getErrorCode(), "the error code"),
                    request.getErrorMessage(),
                    Protos.variables(request.getVariables(), "variables"))),
        done -> ThrowErrorResponse.getDefaultInstance());
  }

  @Override
  public void updateJobRetries(
      UpdateJobRetriesRequest request, StreamObserver<UpdateJobRetriesResponse> observer) {
    answer(
        "UpdateJobRetries",
        observer,
        () ->
            engine.updateJob(
                new Commands.UpdateJob(request.getJobKey(), request.getRetries(), null)),
        done -> UpdateJobRetriesResponse.getDefaultInstance());
  }

  @Override
  public void updateJobTimeout(
      UpdateJobTimeoutRequest request, StreamObserver<UpdateJobTimeoutResponse> observer) {
    answer(
        "UpdateJobTimeout",
        observer,
        () ->
            engine.updateJob(
                new Commands.UpdateJob(request.getJobKey(), null, request.getTimeout())),
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

  /**
   * A unary command: the request is read (refusals become statuses), the engine answers, and the
   * answer is rendered; failures at any step reach the client as the matching status.
   */
  private static <T, R> void answer(
      String rpc,
      StreamObserver<R> observer,
      Supplier<CompletableFuture<T>> command,
      Function<T, R> render) {
    CompletableFuture<T> future;
    try {
      future = command.get();
    } catch (RuntimeException refused) {
      observer.onError(GrpcStatuses.of(rpc, refused));
      return;
    }
    future.whenComplete(
        (value, failure) -> {
          if (failure != null) {
            observer.onError(GrpcStatuses.of(rpc, failure));
            return;
          }
          R response;
          try {
            response = render.apply(value);
          } catch (RuntimeException bug) {
            observer.onError(GrpcStatuses.of(rpc, bug));
            return;
          }
          observer.onNext(response);
          observer.onCompleted();
        });
  }

  private static void unsupported(StreamObserver<?> observer, String what) {
    observer.onError(
        Status.UNIMPLEMENTED
            .withDescription(
                what
                    + " is not supported by the CivicFlow engine (engine/README.md, Compatibility)")
            .asRuntimeException());
  }

  /** One open StreamActivatedJobs call as the engine's consumer. */
  private static final class JobStreamCall implements JobStreamConsumer {

    private final ServerCallStreamObserver<ActivatedJob> call;
    private final Commands.StreamJobs request;
    private final LongAdder pushed = new LongAdder();
    private volatile JobStreamRegistration registration;
    private boolean ended; // guarded by call

    JobStreamCall(ServerCallStreamObserver<ActivatedJob> call, Commands.StreamJobs request) {
      this.call = call;
      this.request = request;
    }

    OpenJobStream describe() {
      return new OpenJobStream(
          request.type(),
          request.worker(),
          request.timeoutMillis(),
          request.fetchVariables(),
          request.tenantIds(),
          pushed.sum());
    }

    @Override
    public boolean isReady() {
      return !call.isCancelled() && call.isReady();
    }

    @Override
    public boolean push(Results.ActivatedJob job) {
      synchronized (call) {
        if (ended || call.isCancelled()) {
          return false;
        }
        try {
          call.onNext(Protos.job(job));
          pushed.increment();
          return true;
        } catch (RuntimeException gone) {
          LOG.debug("Could not push job {} to its stream; giving it back", job.jobKey(), gone);
          return false;
        }
      }
    }

    void end(Status status) {
      synchronized (call) {
        if (!ended && !call.isCancelled()) {
          ended = true;
          call.onError(status.asRuntimeException());
        }
      }
    }
  }
}
