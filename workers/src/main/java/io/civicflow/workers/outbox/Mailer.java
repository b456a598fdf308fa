package io.civicflow.workers.outbox;

/** Hands a mail to the SMTP server ({@code spring.mail.*}). */
public interface Mailer {

  /**
   * Returns once the server accepted the mail.
   *
   * @throws MailUnavailableException if the server cannot be reached or refuses the mail
   */
  void send(Mail mail);
}
