package io.civicflow.workers.console;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's directory of users; the console itself is static content ({@code classpath:/static}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
public class ConsoleConfiguration {

  @Bean
  UserDirectory userDirectory(IdentityProperties properties) {
    return new UserDirectory(properties);
  }
}
