package io.civicflow.workers.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Beans every process test shares (one application context for all of them). */
@TestConfiguration(proxyBeanMethods = false)
public class ProcessTestBeans {

  @Bean
  static PaymentFaults paymentFaults() {
    return new PaymentFaults();
  }

  @Bean
  static MailFaults mailFaults() {
    return new MailFaults();
  }

  @Bean
  static OncePerBeanAnnotationProcessors oncePerBeanAnnotationProcessors() {
    return new OncePerBeanAnnotationProcessors();
  }
}
