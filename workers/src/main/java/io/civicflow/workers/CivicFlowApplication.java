package io.civicflow.workers;

import io.civicflow.engine.web.SecurityHeadersFilter;
import io.civicflow.workers.history.HistoryCopy;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The CivicFlow application: job workers and domain services. By default it also starts the
 * embedded engine in this JVM (see {@code engine/}); with the {@code camunda} profile it talks to a
 * Camunda 8 cluster instead. Either way the models in {@code processes/} and the forms in {@code
 * forms/} are deployed through the Camunda client when it starts, waiting for the engine ({@code
 * camunda.StartupDeployment}).
 */
@SpringBootApplication
public class CivicFlowApplication {

  /**
   * The browser security headers (Content Security Policy, no framing, no sniffing, no referrer) on
   * the console and the API, with or without the embedded engine.
   */
  @Bean(SecurityHeadersFilter.REGISTRATION)
  FilterRegistrationBean<SecurityHeadersFilter> civicflowSecurityHeaders() {
    FilterRegistrationBean<SecurityHeadersFilter> registration =
        new FilterRegistrationBean<>(new SecurityHeadersFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.addUrlPatterns("/*");
    return registration;
  }

  /**
   * Runs the application, or with {@code history-copy <data-dir> …} copies a standalone engine's
   * history into Elasticsearch instead ({@link HistoryCopy}).
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && HistoryCopy.COMMAND.equals(args[0])) {
      HistoryCopy.run(args);
      return;
    }
    SpringApplication.run(CivicFlowApplication.class, args);
  }
}
