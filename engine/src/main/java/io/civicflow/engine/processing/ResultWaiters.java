package io.civicflow.engine.processing;

import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.api.Results.ProcessInstanceCreated;
import io.civicflow.engine.state.ElementInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Creations that await their instance's result: answered when the instance completes (with its
 * variables), fails when it is terminated or the request timeout passes. Told by the process
 * container while processing; processing-thread only.
 */
final class ResultWaiters implements ContainerProcessor.ProcessInstanceListener {

  private record ResultWaiter(
      List<String> fetchVariables,
      ProcessInstanceCreated created,
      CompletableFuture<ProcessInstanceCreated> future) {}

  private final EngineConfig config;
  private final ScheduledExecutorService timeouts;
  private final Map<Long, List<ResultWaiter>> waiters = new HashMap<>();

  ResultWaiters(EngineConfig config, ScheduledExecutorService timeouts) {
    this.config = config;
    this.timeouts = timeouts;
  }

  CompletableFuture<ProcessInstanceCreated> create(
      CommandQueue queue,
      CommandHandlers.Handler<CreateProcessInstance, ProcessInstanceCreated> creation,
      CreateProcessInstance command) {
    CompletableFuture<ProcessInstanceCreated> result = new CompletableFuture<>();
    long timeout =
        command.requestTimeoutMillis() > 0
            ? command.requestTimeoutMillis()
            : config.defaultLongPollTimeout().toMillis();
    queue
        .submit(
            ctx -> {
              Outcome<ProcessInstanceCreated> outcome = creation.handle(ctx, command);
              if (outcome.isRejected()) {
                return outcome;
              }
              ProcessInstanceCreated created = outcome.value();
              // registered at once, as the instance may complete within this command; if the
              // command fails, its timeout removes the waiter (instance keys are never reused)
              waiters
                  .computeIfAbsent(created.processInstanceKey(), k -> new ArrayList<>())
                  .add(new ResultWaiter(command.fetchVariables(), created, result));
              timeouts.schedule(
                  () -> queue.enqueue(() -> expire(created.processInstanceKey(), result)),
                  timeout,
                  TimeUnit.MILLISECONDS);
              return outcome;
            })
        .whenComplete(
            (created, failure) -> {
              if (failure != null) {
                result.completeExceptionally(failure);
              }
            });
    return result;
  }

  private void expire(long processInstanceKey, CompletableFuture<ProcessInstanceCreated> future) {
    List<ResultWaiter> list = waiters.get(processInstanceKey);
    if (list != null && list.removeIf(w -> w.future() == future) && list.isEmpty()) {
      waiters.remove(processInstanceKey);
    }
    future.completeExceptionally(
        new EngineRejection(
            RejectionType.DEADLINE_EXCEEDED,
            "Expected to complete process instance '"
                + processInstanceKey
                + "' within the request timeout, but it did not complete"));
  }

  @Override
  public void onCompleted(
      ProcessingContext ctx, ElementInstance processInstance, Map<String, Object> variables) {
    List<ResultWaiter> list = waiters.get(processInstance.key());
    if (list == null) {
      return;
    }
    ctx.whenAccepted(() -> waiters.remove(processInstance.key()));
    for (ResultWaiter waiter : List.copyOf(list)) {
      Map<String, Object> fetched = new HashMap<>();
      if (waiter.fetchVariables() == null || waiter.fetchVariables().isEmpty()) {
        fetched.putAll(variables);
      } else {
        waiter.fetchVariables().stream()
            .filter(variables::containsKey)
            .forEach(n -> fetched.put(n, variables.get(n)));
      }
      ProcessInstanceCreated c = waiter.created();
      ProcessInstanceCreated done =
          new ProcessInstanceCreated(
              c.processInstanceKey(),
              c.processDefinitionKey(),
              c.bpmnProcessId(),
              c.version(),
              c.tenantId(),
              c.tags(),
              fetched);
      ctx.afterCommit(() -> waiter.future().complete(done));
    }
  }

  @Override
  public void onTerminated(ProcessingContext ctx, ElementInstance processInstance) {
    List<ResultWaiter> list = waiters.get(processInstance.key());
    if (list != null) {
      ctx.whenAccepted(() -> waiters.remove(processInstance.key()));
      EngineRejection rejection =
          EngineRejection.invalidState(
              "Expected to complete process instance '%d', but it was terminated",
              processInstance.key());
      List.copyOf(list)
          .forEach(w -> ctx.afterCommit(() -> w.future().completeExceptionally(rejection)));
    }
  }

  /** In a purge: every awaited creation fails once the purge is durable. */
  void dropWaiters(ProcessingContext ctx) {
    EngineRejection purged = EngineRejection.invalidState("The engine was purged");
    waiters
        .values()
        .forEach(
            ws -> ws.forEach(w -> ctx.afterCommit(() -> w.future().completeExceptionally(purged))));
    ctx.whenAccepted(waiters::clear);
  }
}
