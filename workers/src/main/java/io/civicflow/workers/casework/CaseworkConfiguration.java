package io.civicflow.workers.casework;

import io.civicflow.workers.registry.CaseRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Case work's service; the case steps it writes are the registry's port. */
@Configuration(proxyBeanMethods = false)
public class CaseworkConfiguration {

  @Bean
  CaseRecording caseRecording(CaseRecords records) {
    return new CaseRecording(records);
  }
}
