package io.civicflow.workers.notices;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.outbox.Outbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The public notice board over the outbox. */
@Configuration(proxyBeanMethods = false)
public class NoticesConfiguration {

  @Bean
  NoticeBoard noticeBoard(Outbox outbox, Deadlines deadlines) {
    return new NoticeBoard(outbox, deadlines);
  }
}
