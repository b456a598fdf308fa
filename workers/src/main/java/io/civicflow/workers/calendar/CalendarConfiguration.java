package io.civicflow.workers.calendar;

import io.civicflow.engine.api.EngineApi;
import java.time.Instant;
import java.time.InstantSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The working-day calendar, the deadlines computed on it, and the application's one clock.
 *
 * <p><b>Engine time</b> ({@link #engineTime}) is the only "now" the application reads outside a
 * job's variables: the embedded engine's clock (the clock tests and the demo move) when this JVM
 * runs the engine; otherwise the system clock, because a remote Camunda cluster runs on real time.
 * Payments are stamped with it and the analysts' "today" is read from it; nothing else reads system
 * time (the architecture test holds every other class to it).
 */
@Configuration(proxyBeanMethods = false)
public class CalendarConfiguration {

  @Bean
  WorkingDayCalendar workingDayCalendar() {
    return WorkingDayCalendar.fromClasspath();
  }

  @Bean
  Deadlines deadlines(WorkingDayCalendar calendar) {
    return new Deadlines(calendar);
  }

  /** Engine time: the embedded engine's clock, or the system clock without an embedded engine. */
  @Bean
  InstantSource engineTime(ObjectProvider<EngineApi> engine) {
    return () -> {
      EngineApi api = engine.getIfAvailable();
      return api == null
          ? InstantSource.system().instant()
          : Instant.ofEpochMilli(api.clock().epochMilli());
    };
  }
}
