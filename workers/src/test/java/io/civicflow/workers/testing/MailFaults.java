package io.civicflow.workers.testing;

import io.civicflow.workers.outbox.Inbox;
import io.civicflow.workers.outbox.InboxEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Test-only crashes of the notification job: wraps the application's {@link Inbox} so that a test
 * can make the job die <em>after</em> a mail went out and was recorded, before the job is completed
 * — the moment a real crash leaves the engine to deliver the job again. Inert unless a test arms it
 * with {@link #crashOnceAfterMailing(String)}.
 */
public final class MailFaults implements BeanPostProcessor {

  private final Set<String> armed = ConcurrentHashMap.newKeySet();

  /**
   * The next mail whose notification id starts with {@code prefix} is recorded, then the job dies.
   */
  public void crashOnceAfterMailing(String prefix) {
    armed.add(prefix);
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    return bean instanceof Inbox inbox && !(bean instanceof CrashingInbox)
        ? new CrashingInbox(inbox)
        : bean;
  }

  /** Thrown where a real job would have died. */
  public static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash(String id) {
      super("Simulated crash after mailing " + id + ", before the job was completed");
    }
  }

  private final class CrashingInbox implements Inbox {

    private final Inbox inbox;

    CrashingInbox(Inbox inbox) {
      this.inbox = inbox;
    }

    @Override
    public InboxEntry add(InboxEntry entry) {
      return inbox.add(entry);
    }

    @Override
    public Optional<InboxEntry> get(String notificationId) {
      return inbox.get(notificationId);
    }

    @Override
    public void markMailed(String notificationId, String address, Instant at) {
      inbox.markMailed(notificationId, address, at);
      if (armed.removeIf(notificationId::startsWith)) {
        throw new SimulatedCrash(notificationId);
      }
    }

    @Override
    public boolean markRead(String userId, String notificationId, Instant at) {
      return inbox.markRead(userId, notificationId, at);
    }

    @Override
    public List<InboxEntry> of(String userId) {
      return inbox.of(userId);
    }

    @Override
    public long unread(String userId) {
      return inbox.unread(userId);
    }

    @Override
    public boolean mailEnabled(String userId) {
      return inbox.mailEnabled(userId);
    }

    @Override
    public void setMailEnabled(String userId, boolean enabled) {
      inbox.setMailEnabled(userId, enabled);
    }
  }
}
