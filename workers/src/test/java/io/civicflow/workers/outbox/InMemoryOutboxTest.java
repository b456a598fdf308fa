package io.civicflow.workers.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class InMemoryOutboxTest extends OutboxContractTest {

  private final Logger logger = (Logger) LoggerFactory.getLogger(InMemoryOutbox.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @Override
  protected Outbox newOutbox() {
    return new InMemoryOutbox();
  }

  @BeforeEach
  void captureLog() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(logged);
  }

  @Test
  void shouldLogANewMessageOnceAtInfoWithParameters() {
    InMemoryOutbox outbox = new InMemoryOutbox();
    OutboxMessage notice = awardNotice("KS-2016-ZP", AWARDED);

    outbox.post(notice);
    outbox.post(notice);

    assertThat(logged.list).hasSize(1);
    ILoggingEvent event = logged.list.get(0);
    assertThat(event.getLevel()).isEqualTo(Level.INFO);
    assertThat(event.getMessage()).contains("{}");
    assertThat(event.getArgumentArray()).contains("notice.award/KS-2016-ZP", "昆山市社区服务社会化项目中标公告");
  }
}
