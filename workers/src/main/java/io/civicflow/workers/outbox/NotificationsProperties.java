package io.civicflow.workers.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code civicflow.notifications.*}: how notifications reach people. The SMTP server itself is
 * Spring Boot's {@code spring.mail.*} (host, port, username, password, properties).
 *
 * @param mail whether and as whom the application mails
 * @param baseUrl the console's public address, for the link in every mail
 * @param retryBackoff how long a job waits before it tries again when the SMTP server is down
 */
@ConfigurationProperties("civicflow.notifications")
public record NotificationsProperties(
    @DefaultValue Mail mail,
    @DefaultValue("http://127.0.0.1:8080") String baseUrl,
    @DefaultValue("PT1M") Duration retryBackoff) {

  /**
   * @param enabled mail at all ({@code false}: inbox only); needs {@code spring.mail.host}
   * @param from the sender address
   */
  public record Mail(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("CivicFlow <noreply@civicflow.example>") String from) {}
}
