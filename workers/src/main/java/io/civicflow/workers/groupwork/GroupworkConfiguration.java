package io.civicflow.workers.groupwork;

import io.civicflow.workers.registry.GroupRecords;
import io.civicflow.workers.stations.StationDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Group work's service; the steps it writes are the registry's port. */
@Configuration(proxyBeanMethods = false)
public class GroupworkConfiguration {

  @Bean
  GroupRecording groupRecording(GroupRecords records, StationDirectory stations) {
    return new GroupRecording(records, stations);
  }
}
