package io.civicflow.workers.registry.elasticsearch;

import io.camunda.client.exception.JobError;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.civicflow.workers.outbox.MailUnavailableException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every job worker fails a job when Elasticsearch cannot be reached or refuses a write: the one
 * place that turns an {@link ElasticsearchAccessException} (anywhere in the cause chain) into a
 * failed job with one retry fewer and a back-off, so that a short outage costs retries spaced in
 * time rather than all of them at once. When the retries are used up the engine raises an incident
 * with the error message; once Elasticsearch is back an analyst gives the job retries and resolves
 * the incident, and the idempotent adapters make the repeated call write each record once.
 *
 * <p>A {@link MailUnavailableException} (the SMTP server is down or refuses a mail) is handled the
 * same way with its own back-off: the delivery recorded nothing as mailed, so the run after the
 * incident is resolved sends each mail once.
 *
 * <p>Every other exception goes to the starter's default strategy unchanged (BPMN errors, job
 * errors and bugs keep their meaning).
 */
public final class BackoffOnStoreFailure implements JobExceptionHandlingStrategy {

  private static final Logger LOG = LoggerFactory.getLogger(BackoffOnStoreFailure.class);

  private final JobExceptionHandlingStrategy fallback;
  private final Duration backoff;
  private final Duration mailBackoff;

  /**
   * @param fallback the starter's default strategy, for everything else
   * @param backoff how long the engine waits before offering the job again
   */
  public BackoffOnStoreFailure(JobExceptionHandlingStrategy fallback, Duration backoff) {
    this(fallback, backoff, backoff);
  }

  /**
   * @param mailBackoff the back-off after the SMTP server failed
   */
  public BackoffOnStoreFailure(
      JobExceptionHandlingStrategy fallback, Duration backoff, Duration mailBackoff) {
    this.fallback = Objects.requireNonNull(fallback, "fallback");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.mailBackoff = Objects.requireNonNull(mailBackoff, "mailBackoff");
  }

  @Override
  public void handleException(Exception exception, ExceptionHandlingContext context)
      throws Exception {
    MailUnavailableException mailFailure = cause(exception, MailUnavailableException.class);
    if (mailFailure != null) {
      int retries = Math.max(0, context.job().getRetries() - 1);
      LOG.warn(
          "Job {} ({}) failed, {} retries left, next in {}: {}",
          context.job().getKey(),
          context.job().getType(),
          retries,
          mailBackoff,
          mailFailure.getMessage());
      fallback.handleException(
          new JobError(
              "Mail server unavailable: " + mailFailure.getMessage(),
              null,
              retries,
              mailBackoff,
              exception),
          context);
      return;
    }
    ElasticsearchAccessException storeFailure =
        cause(exception, ElasticsearchAccessException.class);
    if (storeFailure == null) {
      fallback.handleException(exception, context);
      return;
    }
    int retries = Math.max(0, context.job().getRetries() - 1);
    LOG.warn(
        "Job {} ({}) failed, {} retries left, next in {}: {}",
        context.job().getKey(),
        context.job().getType(),
        retries,
        backoff,
        storeFailure.getMessage());
    fallback.handleException(
        new JobError(
            "Elasticsearch unavailable: " + storeFailure.getMessage(),
            null,
            retries,
            backoff,
            exception),
        context);
  }

  private static <T extends Throwable> T cause(Throwable exception, Class<T> type) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
