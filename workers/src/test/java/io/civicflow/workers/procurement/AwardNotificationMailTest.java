package io.civicflow.workers.procurement;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.civicflow.engine.web.auth.User;
import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.calendar.WorkingDayCalendar;
import io.civicflow.workers.outbox.DeliveringOutbox;
import io.civicflow.workers.outbox.Delivery;
import io.civicflow.workers.outbox.InMemoryInbox;
import io.civicflow.workers.outbox.InMemoryOutbox;
import io.civicflow.workers.outbox.Mailer;
import io.civicflow.workers.outbox.OutboxConfiguration;
import io.civicflow.workers.outbox.UsersFileRecipientDirectory;
import io.civicflow.workers.testing.FreePorts;
import jakarta.mail.internet.MimeMessage;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The award reaches the suppliers by mail, read back from a real SMTP server: the winner its 成交通知,
 * each losing bidder its own score and rank, and nobody else (not the people of other providers);
 * published twice (a retried job), each still gets one mail.
 */
class AwardNotificationMailTest {

  private static final int PORT = FreePorts.next();

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  private static User user(String name, String org, String email) {
    return new User(
        name, name, "$2a$10$x", Set.of("provider", "provider-" + org), Set.of(), email, Set.of());
  }

  @Test
  void theWinnerAndEachLoserGetTheirOwnLetterOnce() throws Exception {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(PORT);
    Mailer mailer = new OutboxConfiguration.SpringMailer(sender, "noreply@civicflow.example");
    Delivery delivery =
        new Delivery(
            new UsersFileRecipientDirectory(
                Map.of(
                    "sunshine", user("sunshine", "B", "office@sunshine.example"),
                    "yiyou", user("yiyou", "A", "office@yiyou.example"),
                    "leren", user("leren", "C", "office@leren.example"),
                    "other", user("other", "D", "office@other.example"))),
            new InMemoryInbox(),
            mailer,
            new Delivery.Settings(true, "https://civicflow.example"),
            InstantSource.fixed(ProcessTime.parse("2016-08-19T15:00:00+08:00").toInstant()));
    AwardPublication publication =
        new AwardPublication(
            new Deadlines(WorkingDayCalendar.fromClasspath()),
            new DeliveringOutbox(new InMemoryOutbox(), delivery));

    for (int retry = 0; retry < 2; retry++) {
      publication.publish(
          "KSCG-2016-ZP",
          "B",
          AwardPublicationTest.RANKING,
          0,
          ProcessTime.parse("2016-08-19T15:00:00+08:00"));
    }

    MimeMessage[] mails = SMTP.getReceivedMessages();
    assertThat(mails)
        .extracting(m -> m.getAllRecipients()[0].toString())
        .containsExactlyInAnyOrder(
            "office@sunshine.example", "office@yiyou.example", "office@leren.example");
    MimeMessage won = to(mails, "office@sunshine.example");
    assertThat(won.getSubject()).contains("成交通知").contains("昆山市阳光社工服务社");
    assertThat((String) won.getContent()).contains("800000.00元").contains("2016-08-22");
    MimeMessage lost = to(mails, "office@leren.example");
    assertThat(lost.getSubject()).contains("评审结果告知");
    assertThat((String) lost.getContent())
        .contains("71.86")
        .contains("排名第3")
        .doesNotContain("83.80")
        .contains("https://civicflow.example/#/inbox");
  }

  private static MimeMessage to(MimeMessage[] mails, String address) {
    return Arrays.stream(mails)
        .filter(
            m -> {
              try {
                return m.getAllRecipients()[0].toString().equals(address);
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .findFirst()
        .orElseThrow();
  }
}
