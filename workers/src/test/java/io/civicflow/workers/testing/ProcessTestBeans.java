package io.civicflow.workers.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/** Beans every process test shares (one application context for all of them). */
@TestConfiguration(proxyBeanMethods = false)
public class ProcessTestBeans {

  @Bean
  static PaymentFaults paymentFaults() {
    return new PaymentFaults();
  }

  /** Replaces the SDK's deployment processor, switched off in {@link EmbeddedEngineTestInitializer}. */
  @Bean
  DeployOncePerStartProcessor deployOncePerStartProcessor(ApplicationEventPublisher publisher) {
    return new DeployOncePerStartProcessor(publisher);
  }
}
