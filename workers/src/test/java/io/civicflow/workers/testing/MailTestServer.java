package io.civicflow.workers.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/**
 * The test JVM's one real SMTP server (GreenMail, in this JVM) that the application under test
 * mails to: every mail it accepts can be read back. A test may {@link #stop()} it to play a mail
 * server that is down, and {@link #start()} it again on the same port.
 */
public final class MailTestServer {

  private static final MailTestServer SHARED = new MailTestServer();

  private final int port = FreePorts.next();
  private GreenMail greenMail;

  private MailTestServer() {
    start();
  }

  public static MailTestServer shared() {
    return SHARED;
  }

  public int port() {
    return port;
  }

  public synchronized void start() {
    if (greenMail == null) {
      greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      greenMail.start();
    }
  }

  public synchronized void stop() {
    if (greenMail != null) {
      greenMail.stop();
      greenMail = null;
    }
  }

  /** Every mail accepted since the server (re)started, to {@code address}. */
  public synchronized List<MimeMessage> mailsTo(String address) {
    if (greenMail == null) {
      return List.of();
    }
    return Arrays.stream(greenMail.getReceivedMessages())
        .filter(message -> addressedTo(message, address))
        .toList();
  }

  private static boolean addressedTo(MimeMessage message, String address) {
    try {
      var recipients = message.getRecipients(Message.RecipientType.TO);
      return recipients != null
          && Arrays.stream(recipients).anyMatch(r -> r.toString().contains(address));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
