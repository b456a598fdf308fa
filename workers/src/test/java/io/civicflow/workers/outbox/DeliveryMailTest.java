package io.civicflow.workers.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.civicflow.engine.web.auth.User;
import io.civicflow.workers.testing.FreePorts;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Delivery through Spring's mail sender to a real SMTP server (GreenMail) started by the test: each
 * message reaches each person once, in Chinese with the reason, the deadline and a link; a person
 * who switched mail off gets the inbox entry only; a server that is down fails the delivery and
 * records nothing as mailed, so the next attempt sends exactly one mail.
 */
class DeliveryMailTest {

  private static final int PORT = FreePorts.next();

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  private static final Instant NOW = Instant.parse("2016-10-28T01:00:00Z");

  private final InMemoryInbox inbox = new InMemoryInbox();
  private Delivery delivery;

  @BeforeEach
  void wire() {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(PORT);
    RecipientDirectory directory =
        new UsersFileRecipientDirectory(
            Map.of(
                "provider1", user("provider1", "承接机构 刘洋", Set.of("provider"), "liu@ngo.example"),
                "provider2", user("provider2", "承接机构 陈静", Set.of("provider"), "chen@ngo.example"),
                "provider3", user("provider3", "承接机构 无邮箱", Set.of("provider"), null),
                "civil1", user("civil1", "民政局 张敏", Set.of("civil-affairs"), "zhang@mz.example")));
    delivery =
        new Delivery(
            directory,
            inbox,
            new OutboxConfiguration.SpringMailer(sender, "CivicFlow <noreply@civicflow.example>"),
            new Delivery.Settings(true, "https://civicflow.example/"),
            InstantSource.fixed(NOW));
  }

  private static User user(String name, String display, Set<String> groups, String email) {
    return new User(name, display, "$2a$10$x", groups, Set.of(), email, Set.of());
  }

  private static OutboxMessage reminder(String id) {
    return new OutboxMessage(
        id,
        "notify.report-reminder",
        "KS-2016-ZP-Y1",
        "provider",
        "运营报告即将到期，请按时提交：张浦镇",
        NotifyWorker.withDeadline("第1期运营报告", "2016-11-10T09:00:00+08:00"),
        NOW);
  }

  @Test
  void eachMemberOfTheGroupGetsOneChineseMailWithReasonDeadlineAndLink() throws Exception {
    delivery.deliver(reminder("notify.report-reminder:1"));
    delivery.deliver(reminder("notify.report-reminder:1"));

    MimeMessage[] mails = SMTP.getReceivedMessages();
    assertThat(mails).hasSize(2);
    assertThat(mails)
        .extracting(m -> m.getAllRecipients()[0].toString())
        .containsExactlyInAnyOrder("liu@ngo.example", "chen@ngo.example");
    MimeMessage mail = SMTP.getReceivedMessagesForDomain("ngo.example")[0];
    assertThat(mail.getSubject()).isEqualTo("【CivicFlow】运营报告即将到期，请按时提交：张浦镇");
    String decoded = (String) mail.getContent();
    assertThat(decoded)
        .contains("您好")
        .contains("运营报告即将到期")
        .contains("办理期限：2016-11-10")
        .contains("https://civicflow.example/#/inbox");
    assertThat(mail.getHeader("X-CivicFlow-Notification")[0])
        .isIn("notify.report-reminder:1/provider1", "notify.report-reminder:1/provider2");

    // everyone in the group has it in the inbox, the one without an address too
    assertThat(inbox.of("provider3"))
        .singleElement()
        .satisfies(e -> assertThat(e.mailed()).isFalse());
    assertThat(inbox.of("provider1"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.mailedTo()).isEqualTo("liu@ngo.example");
              assertThat(e.mailedAt()).isEqualTo(NOW);
              assertThat(e.read()).isFalse();
            });
    assertThat(inbox.of("civil1")).isEmpty();
  }

  @Test
  void aUserWhoSwitchedMailOffGetsTheInboxEntryOnly() {
    inbox.setMailEnabled("provider2", false);

    delivery.deliver(reminder("notify.report-reminder:2"));

    assertThat(SMTP.getReceivedMessages())
        .extracting(m -> m.getAllRecipients()[0].toString())
        .containsExactly("liu@ngo.example");
    assertThat(inbox.unread("provider2")).isEqualTo(1);
  }

  @Test
  void aMessageToOneUserAndAGroupReachesEachPersonOnce() {
    OutboxMessage message =
        new OutboxMessage(
            "objection:KS-2016-ZP:1",
            "notify.objection-answered",
            "KS-2016-ZP",
            "user:civil1,civil-affairs,user:nobody",
            "质疑答复",
            "",
            NOW);

    delivery.deliver(message);

    assertThat(SMTP.getReceivedMessages())
        .extracting(m -> m.getAllRecipients()[0].toString())
        .containsExactly("zhang@mz.example");
  }

  @Test
  void aServerThatIsDownFailsTheDeliveryAndTheRetryMailsOnce() {
    SMTP.stop();
    assertThatThrownBy(() -> delivery.deliver(reminder("notify.report-reminder:3")))
        .isInstanceOf(MailUnavailableException.class);
    assertThat(inbox.get("notify.report-reminder:3/provider1"))
        .hasValueSatisfying(e -> assertThat(e.mailed()).isFalse());

    SMTP.start();
    delivery.deliver(reminder("notify.report-reminder:3"));
    delivery.deliver(reminder("notify.report-reminder:3"));

    assertThat(SMTP.getReceivedMessages())
        .extracting(m -> m.getAllRecipients()[0].toString())
        .containsExactlyInAnyOrder("liu@ngo.example", "chen@ngo.example");
  }

  @Test
  void publicNoticesReachNobodyByMail() {
    delivery.deliver(
        new OutboxMessage(
            "KS-2016-ZP:award:1", "notice.award", "KS-2016-ZP", "public", "成交结果公告", "", NOW));
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }
}
