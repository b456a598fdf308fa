package io.civicflow.workers.outbox;

/**
 * The SMTP server could not be reached or refused a mail. The job that delivers the notification
 * fails with a back-off and, once its retries are used up, raises an incident; nothing was recorded
 * as mailed, so the job run again after the incident is resolved mails it once.
 */
public final class MailUnavailableException extends RuntimeException {

  public MailUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
