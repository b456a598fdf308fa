package io.civicflow.workers.outbox;

import io.civicflow.engine.web.EngineProperties;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The notifications: delivery to inboxes and by mail ({@code civicflow.notifications.*}, the SMTP
 * server from {@code spring.mail.*}), the recipients from the engine's users, and the in-memory
 * outbox and inbox when Elasticsearch is off.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationsProperties.class)
public class OutboxConfiguration {

  @Bean
  Notifications notifications(Outbox outbox) {
    return new Notifications(outbox);
  }

  /**
   * Who publishes: {@code civicflow.procurement.purchaser}, {@code .agency}, {@code .place}, {@code
   * .contact}; each unset one is the Kunshan round's.
   */
  @Bean
  Publisher publisher(
      @Value("${civicflow.procurement.purchaser:}") String purchaser,
      @Value("${civicflow.procurement.agency:}") String agency,
      @Value("${civicflow.procurement.place:}") String place,
      @Value("${civicflow.procurement.contact:}") String contact) {
    Publisher kunshan = Publisher.KUNSHAN;
    return new Publisher(
        purchaser.isBlank() ? kunshan.purchaser() : purchaser,
        agency.isBlank() ? kunshan.agency() : agency,
        place.isBlank() ? kunshan.place() : place,
        contact.isBlank() ? kunshan.contact() : contact);
  }

  /**
   * Only the engine's users file, as read at start-up ({@code
   * civicflow.notifications.directory=users-file}): accounts added while processes run are not in
   * it. The default, {@code camunda}, asks the engine's identity through the client: {@code
   * camunda.CamundaIdentityDirectory}.
   */
  @Bean
  @ConditionalOnProperty(name = "civicflow.notifications.directory", havingValue = "users-file")
  RecipientDirectory recipientDirectory(
      @Value("${civicflow.engine.auth.users-file:" + EngineProperties.Auth.DEFAULT_USERS_FILE + "}")
          String usersFile) {
    return UsersFileRecipientDirectory.load(usersFile);
  }

  @Bean
  Delivery delivery(
      RecipientDirectory directory,
      Inbox inbox,
      ObjectProvider<JavaMailSender> mailSender,
      NotificationsProperties properties,
      InstantSource engineTime) {
    JavaMailSender sender = mailSender.getIfAvailable();
    if (properties.mail().enabled() && sender == null) {
      throw new IllegalStateException(
          "civicflow.notifications.mail.enabled=true needs an SMTP server: set spring.mail.host"
              + " (and spring.mail.port)");
    }
    Mailer mailer =
        sender == null
            ? mail -> {
              throw new MailUnavailableException("No SMTP server (spring.mail.host)", null);
            }
            : new SpringMailer(sender, properties.mail().from());
    return new Delivery(
        directory,
        inbox,
        mailer,
        new Delivery.Settings(properties.mail().enabled(), properties.baseUrl()),
        engineTime);
  }

  /** The {@link Mailer} on Spring's {@link JavaMailSender}: UTF-8 plain text. */
  public static final class SpringMailer implements Mailer {

    private final JavaMailSender sender;
    private final String from;

    public SpringMailer(JavaMailSender sender, String from) {
      this.sender = sender;
      this.from = from;
    }

    @Override
    public void send(Mail mail) {
      try {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper =
            new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(mail.to());
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), false);
        helper.setSentDate(java.util.Date.from(mail.date()));
        message.setHeader("X-CivicFlow-Notification", mail.idempotencyKey());
        sender.send(message);
      } catch (MailException | jakarta.mail.MessagingException e) {
        throw new MailUnavailableException(
            "Mail to " + mail.to() + " not accepted: " + e.getMessage(), e);
      }
    }
  }

  /** For {@code civicflow.registry.elasticsearch.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      prefix = "civicflow.registry.elasticsearch",
      name = "enabled",
      havingValue = "false")
  static class InMemoryAdapter {

    @Bean
    Outbox outbox(Delivery delivery) {
      return new DeliveringOutbox(new InMemoryOutbox(), delivery);
    }

    @Bean
    Inbox inbox() {
      return new InMemoryInbox();
    }
  }
}
