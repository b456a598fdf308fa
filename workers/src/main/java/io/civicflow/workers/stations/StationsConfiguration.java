package io.civicflow.workers.stations;

import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The station directory from {@code civicflow.stations}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StationProperties.class)
public class StationsConfiguration {

  @Bean
  StationDirectory stationDirectory(StationProperties properties) {
    return new StationDirectory(properties.stations() == null ? Map.of() : properties.stations());
  }
}
