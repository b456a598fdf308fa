package io.civicflow.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.web.context.support.ServletRequestHandledEvent;

/**
 * A long poll whose client went away is nobody's error: the engine's answer cannot be written, and
 * that is neither logged as an error nor counted as a 5xx (the status Spring reports for the
 * request, as an access log or the request metrics see it).
 */
@ExtendWith(EngineExtension.class)
class AbandonedRequestTest {

  private static final String ACTIVATION = "/v2/jobs/activation";

  private final List<ServletRequestHandledEvent> handled = new CopyOnWriteArrayList<>();
  private final ApplicationListener<ServletRequestHandledEvent> listener =
      event -> {
        if (ACTIVATION.equals(event.getRequestUrl())) {
          handled.add(event);
        }
      };
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger webLogger = (Logger) LoggerFactory.getLogger("io.civicflow.engine.web");

  @BeforeEach
  void listen() {
    multicaster().addApplicationListener(listener);
    log.start();
    webLogger.addAppender(log);
  }

  @AfterEach
  void stopListening() {
    multicaster().removeApplicationListener(listener);
    webLogger.detachAppender(log);
  }

  @Test
  void shouldNeitherLogNorCountALongPollWhoseClientWentAwayAsAFailure(TestEngine engine)
      throws Exception {
    // held long enough for the reset below to come first; then the engine answers with no jobs
    try (Socket socket = holdLongPoll(engine, "nobody-polls-this", 3_000)) {
      socket.setSoLinger(true, 0); // the client goes away: closing resets the connection
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 2);
    assertThat(handled.get(1).getStatusCode())
        .as("the status the request ended with")
        .isLessThan(500);
    assertThat(log.list)
        .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEmpty();
  }

  @Test
  void shouldGiveBackTheJobsItCouldNotDeliverToAClientThatWentAway(TestEngine engine)
      throws Exception {
    engine.deploy("single-service-task.bpmn");
    try (Socket socket = holdLongPoll(engine, "work", 20_000)) {
      socket.setSoLinger(true, 0);
    }
    // the engine activates the new job for the poll it still holds; writing it fails
    long instance = engine.start("single-service-task", java.util.Map.of()).getProcessInstanceKey();

    await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 2);
    assertThat(handled.get(1).getStatusCode()).isLessThan(500);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(engine.activateNow("work"))
                    .as("activatable again at once, not locked until its timeout")
                    .singleElement()
                    .satisfies(job -> assertThat(job.getProcessInstanceKey()).isEqualTo(instance)));
    assertThat(log.list)
        .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEmpty();
  }

  /** Sends a job activation that waits up to {@code requestTimeout}; returns once it is held. */
  private Socket holdLongPoll(TestEngine engine, String type, long requestTimeout)
      throws Exception {
    String body =
        "{\"type\":\"%s\",\"timeout\":60000,\"maxJobsToActivate\":1,\"requestTimeout\":%d}"
            .formatted(type, requestTimeout);
    Socket socket = new Socket(engine.restAddress().getHost(), engine.restAddress().getPort());
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST "
                + ACTIVATION
                + " HTTP/1.1\r\nHost: engine\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n"
                + body)
            .getBytes(StandardCharsets.UTF_8));
    out.flush();
    // the request is held (its first dispatch ended) until the engine answers
    await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 1);
    return socket;
  }

  private static ApplicationEventMulticaster multicaster() {
    return TestEngine.shared().bean(ApplicationEventMulticaster.class);
  }
}
