package io.civicflow.workers.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DeploymentEvent;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Deploys {@code processes/} (models, decisions) and {@code forms/} when the application starts, in
 * one deployment, and waits for the engine while it does. An attempt that got no answer within its
 * timeout (a machine at a load average of 30) has already waited: it is asked again at once, with a
 * longer timeout. An engine that answers at once that it cannot take it now — not listening yet,
 * pushing back ({@code 503 RESOURCE_EXHAUSTED}: its command queue is full), unavailable — is asked
 * again after a bounded back-off, scheduled on a {@link Delays} (the application: {@link
 * CompletableFuture#delayedExecutor}), so no thread sleeps. Each retry is logged with its reason.
 * Deploying the same resources again creates no new versions, so an attempt that timed out but was
 * processed after all does no harm. A deployment the engine refuses (an invalid model: {@code 400}
 * naming the element and the reason) fails start-up at once, with the engine's reason.
 *
 * <p>{@link #deploy(CamundaClient)} returns when the deployment is done (the caller's thread waits
 * for the outcome, not for a clock), so start-up goes on — job workers open, runners run — only
 * with the models deployed.
 */
public final class StartupDeployment {

  private static final Logger LOG = LoggerFactory.getLogger(StartupDeployment.class);

  /** What the application deploys. */
  public static final List<String> RESOURCES =
      List.of(
          "classpath*:/processes/**/*.bpmn",
          "classpath*:/processes/**/*.dmn",
          "classpath*:/forms/**/*.form");

  /** One attempt: deploys with this request timeout. */
  @FunctionalInterface
  public interface Attempt {
    DeploymentEvent deploy(Duration requestTimeout);
  }

  /** Where the attempt after a back-off of {@code delay} runs. */
  @FunctionalInterface
  public interface Delays {
    Executor after(Duration delay);
  }

  /**
   * The application's: the JVM's scheduler hands the attempt to the common pool after the delay.
   */
  public static final Delays SCHEDULED =
      delay -> CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS);

  /**
   * @param attempts how many attempts before start-up gives up
   * @param firstDelay the wait after the first attempt the engine turned away at once; doubled
   *     after each, up to {@code maxDelay}
   * @param firstTimeout the first attempt's request timeout; doubled after each, up to {@code
   *     maxTimeout}
   */
  public record Retry(
      int attempts,
      Duration firstDelay,
      Duration maxDelay,
      Duration firstTimeout,
      Duration maxTimeout) {

    /** 12 attempts, 1 s, 2 s, 4 s … 30 s apart (3.5 min of waiting), timeouts 30 s … 2 min. */
    public static final Retry DEFAULT =
        new Retry(
            12,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2));

    public Retry {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1");
      }
    }

    /** The {@code wait}-th back-off (from 1). */
    Duration delayAfter(int wait) {
      return min(firstDelay.multipliedBy(1L << Math.min(wait - 1, 20)), maxDelay);
    }

    Duration timeoutOf(int attempt) {
      return min(firstTimeout.multipliedBy(1L << Math.min(attempt - 1, 20)), maxTimeout);
    }

    private static Duration min(Duration a, Duration b) {
      return a.compareTo(b) <= 0 ? a : b;
    }
  }

  private final Retry retry;
  private final Delays delays;

  public StartupDeployment(Retry retry, Delays delays) {
    this.retry = Objects.requireNonNull(retry, "retry");
    this.delays = Objects.requireNonNull(delays, "delays");
  }

  /** Deploys {@link #RESOURCES} through {@code client}. */
  public DeploymentEvent deploy(CamundaClient client) {
    List<Resource> resources = resources();
    return deploy(
        timeout -> {
          DeployResourceCommandStep1.DeployResourceCommandStep2 command = null;
          for (Resource resource : resources) {
            try (InputStream in = resource.getInputStream()) {
              command =
                  command == null
                      ? client
                          .newDeployResourceCommand()
                          .addResourceStream(in, resource.getFilename())
                      : command.addResourceStream(in, resource.getFilename());
            } catch (IOException e) {
              throw new UncheckedIOException("Cannot read " + resource, e);
            }
          }
          return command.requestTimeout(timeout).send().join();
        });
  }

  /**
   * Runs {@code attempt} until it succeeds, retrying what {@link #retriable} says may pass, and
   * returns its deployment.
   *
   * @throws IllegalStateException if the engine refused it, or did not take it in {@link
   *     Retry#attempts} attempts
   */
  public DeploymentEvent deploy(Attempt attempt) {
    try {
      return deployAsync(attempt).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** As {@link #deploy(Attempt)}, completing when it succeeds or start-up must fail. */
  public CompletableFuture<DeploymentEvent> deployAsync(Attempt attempt) {
    CompletableFuture<DeploymentEvent> result = new CompletableFuture<>();
    attempt(attempt, 1, 0, Runnable::run, result);
    return result;
  }

  private void attempt(
      Attempt attempt,
      int n,
      int waits,
      Executor executor,
      CompletableFuture<DeploymentEvent> result) {
    executor.execute(
        () -> {
          Duration timeout = retry.timeoutOf(n);
          DeploymentEvent deployed;
          try {
            deployed = attempt.deploy(timeout);
          } catch (RuntimeException e) {
            retryOrFail(attempt, n, waits, e, result);
            return;
          }
          LOG.info(
              "Deployed {} processes, {} decisions and {} forms (deployment {}){}",
              deployed.getProcesses().size(),
              deployed.getDecisions().size(),
              deployed.getForm().size(),
              deployed.getKey(),
              n == 1 ? "" : " at attempt " + n);
          result.complete(deployed);
        });
  }

  private void retryOrFail(
      Attempt attempt,
      int n,
      int waits,
      RuntimeException e,
      CompletableFuture<DeploymentEvent> result) {
    Retriable why = retriable(e);
    if (why == null) {
      result.completeExceptionally(
          new IllegalStateException(
              "The engine refused the deployment of processes/ and forms/: " + message(e), e));
      return;
    }
    if (n >= retry.attempts()) {
      result.completeExceptionally(
          new IllegalStateException(
              "The engine did not take the deployment of processes/ and forms/ after "
                  + n
                  + " attempts; the last: "
                  + why.reason(),
              e));
      return;
    }
    if (why.timedOut()) {
      LOG.warn(
          "Deployment attempt {} of {} did not go through ({}): trying again now with a {} s"
              + " timeout",
          n,
          retry.attempts(),
          why.reason(),
          retry.timeoutOf(n + 1).toSeconds());
      attempt(attempt, n + 1, waits, Runnable::run, result);
      return;
    }
    Duration delay = retry.delayAfter(waits + 1);
    LOG.warn(
        "Deployment attempt {} of {} did not go through ({}): trying again in {} s with a {} s"
            + " timeout",
        n,
        retry.attempts(),
        why.reason(),
        delay.toSeconds(),
        retry.timeoutOf(n + 1).toSeconds());
    attempt(attempt, n + 1, waits + 1, delays.after(delay), result);
  }

  /**
   * Why an attempt may pass if made again.
   *
   * @param timedOut the attempt got no answer within its timeout: it waited already, the next one
   *     goes at once; else the engine answered at once that it cannot take it now, and the next
   *     waits
   */
  record Retriable(String reason, boolean timedOut) {}

  /**
   * Why {@code e} may pass if asked again — the engine not answering yet, pushing back, timing out,
   * or unavailable — or null when asking again cannot help (a refused model, no permission).
   */
  static Retriable retriable(Throwable e) {
    if (e instanceof ProblemException problem) {
      int code = problem.code();
      String reason = "HTTP " + code + " " + message(e);
      return switch (code) {
        case 504, 408 -> new Retriable(reason, true);
        case 502, 503, 429 -> new Retriable(reason, false);
        default -> null;
      };
    }
    if (e instanceof ClientStatusException status) {
      Status.Code code = status.getStatusCode();
      String reason = code + " " + message(e);
      return switch (code) {
        case DEADLINE_EXCEEDED -> new Retriable(reason, true);
        case UNAVAILABLE, RESOURCE_EXHAUSTED -> new Retriable(reason, false);
        default -> null;
      };
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException
          || cause instanceof HttpTimeoutException
          || cause instanceof java.net.SocketTimeoutException) {
        return new Retriable("no answer within the timeout", true);
      }
      if (cause instanceof ConnectException
          || cause.getClass().getName().endsWith("HttpHostConnectException")) {
        return new Retriable("the engine does not answer yet (" + cause.getMessage() + ")", false);
      }
      if (cause != e
          && (cause instanceof ProblemException || cause instanceof ClientStatusException)) {
        return retriable(cause);
      }
    }
    return e instanceof ClientException
            && e.getMessage() != null
            && e.getMessage().contains("timed out")
        ? new Retriable("no answer within the timeout", true)
        : null;
  }

  private static String message(Throwable e) {
    if (e instanceof ProblemException problem && problem.details() != null) {
      return problem.details().getTitle() + ": " + problem.details().getDetail();
    }
    return e.getMessage();
  }

  private static List<Resource> resources() {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    List<Resource> found = new ArrayList<>();
    for (String pattern : RESOURCES) {
      try {
        found.addAll(List.of(resolver.getResources(pattern)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + pattern, e);
      }
    }
    java.util.Map<String, Resource> distinct = new java.util.TreeMap<>();
    for (Resource resource : found) {
      distinct.putIfAbsent(resource.getDescription(), resource);
    }
    found = new ArrayList<>(distinct.values());
    found.sort(Comparator.comparing(r -> String.valueOf(r.getFilename())));
    if (found.isEmpty()) {
      throw new IllegalStateException("No models or forms on the classpath: " + RESOURCES);
    }
    return List.copyOf(found);
  }
}
