package io.civicflow.workers.outreach;

import io.civicflow.workers.registry.OutreachRecords;
import io.civicflow.workers.stations.StationDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Outreach's service; the events it writes are the registry's port. */
@Configuration(proxyBeanMethods = false)
public class OutreachConfiguration {

  @Bean
  OutreachRoster outreachRoster(OutreachRecords records, StationDirectory stations) {
    return new OutreachRoster(records, stations);
  }
}
