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
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Deploys {@code processes/} (models, decisions) and {@code forms/} when the application starts, in
 * one deployment, and waits for the engine while it does: an engine that is not answering yet, that
 * pushes back ({@code 503 RESOURCE_EXHAUSTED}: its command queue is full) or that does not answer
 * within the attempt's timeout (a machine at a load average of 30) is asked again after a bounded
 * back-off, each time with a longer timeout, and each wait is logged with its reason. Deploying the
 * same resources again creates no new versions, so an attempt that timed out but was processed
 * after all does no harm. A deployment the engine refuses (an invalid model: {@code 400} naming the
 * element and the reason) fails start-up at once, with the engine's reason.
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

  /**
   * Waits between attempts (the application: the thread sleeps; start-up has nothing else to do).
   */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration delay) throws InterruptedException;
  }

  /**
   * @param attempts how many attempts before start-up gives up
   * @param firstDelay the wait after the first failed attempt; doubled after each, up to {@code
   *     maxDelay}
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

    Duration delayAfter(int attempt) {
      return min(firstDelay.multipliedBy(1L << Math.min(attempt - 1, 20)), maxDelay);
    }

    Duration timeoutOf(int attempt) {
      return min(firstTimeout.multipliedBy(1L << Math.min(attempt - 1, 20)), maxTimeout);
    }

    private static Duration min(Duration a, Duration b) {
      return a.compareTo(b) <= 0 ? a : b;
    }
  }

  private final Retry retry;
  private final Pause pause;

  public StartupDeployment(Retry retry, Pause pause) {
    this.retry = Objects.requireNonNull(retry, "retry");
    this.pause = Objects.requireNonNull(pause, "pause");
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

  /** Runs {@code attempt} until it succeeds, retrying what {@link #retriable} says may pass. */
  public DeploymentEvent deploy(Attempt attempt) {
    for (int n = 1; ; n++) {
      Duration timeout = retry.timeoutOf(n);
      try {
        DeploymentEvent deployed = attempt.deploy(timeout);
        LOG.info(
            "Deployed {} processes, {} decisions and {} forms (deployment {}){}",
            deployed.getProcesses().size(),
            deployed.getDecisions().size(),
            deployed.getForm().size(),
            deployed.getKey(),
            n == 1 ? "" : " at attempt " + n);
        return deployed;
      } catch (RuntimeException e) {
        String reason = retriable(e);
        if (reason == null) {
          throw new IllegalStateException(
              "The engine refused the deployment of processes/ and forms/: " + message(e), e);
        }
        if (n >= retry.attempts()) {
          throw new IllegalStateException(
              "The engine did not take the deployment of processes/ and forms/ after "
                  + n
                  + " attempts; the last: "
                  + reason,
              e);
        }
        Duration delay = retry.delayAfter(n);
        LOG.warn(
            "Deployment attempt {} of {} did not go through ({}): trying again in {} s with a {} s"
                + " timeout",
            n,
            retry.attempts(),
            reason,
            delay.toSeconds(),
            retry.timeoutOf(n + 1).toSeconds());
        try {
          pause.pause(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting to deploy again", e);
        }
      }
    }
  }

  /**
   * Why {@code e} may pass if asked again — the engine not answering yet, pushing back, timing out,
   * or unavailable — or null when asking again cannot help (a refused model, no permission).
   */
  static String retriable(Throwable e) {
    if (e instanceof ProblemException problem) {
      int code = problem.code();
      return code == 502 || code == 503 || code == 504 || code == 408 || code == 429
          ? "HTTP " + code + " " + message(e)
          : null;
    }
    if (e instanceof ClientStatusException status) {
      Status.Code code = status.getStatusCode();
      return code == Status.Code.UNAVAILABLE
              || code == Status.Code.RESOURCE_EXHAUSTED
              || code == Status.Code.DEADLINE_EXCEEDED
          ? code + " " + message(e)
          : null;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException
          || cause instanceof HttpTimeoutException
          || cause instanceof java.net.SocketTimeoutException) {
        return "no answer within the timeout";
      }
      if (cause instanceof ConnectException
          || cause.getClass().getName().endsWith("HttpHostConnectException")) {
        return "the engine does not answer yet (" + cause.getMessage() + ")";
      }
      if (cause instanceof ProblemException || cause instanceof ClientStatusException) {
        return retriable(cause);
      }
    }
    return e instanceof ClientException
            && e.getMessage() != null
            && e.getMessage().contains("timed out")
        ? "no answer within the timeout"
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
