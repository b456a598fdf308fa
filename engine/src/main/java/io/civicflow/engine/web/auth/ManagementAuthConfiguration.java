package io.civicflow.engine.web.auth;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Authentication on the management server when it runs on its own port (a child context, which does
 * not see the REST API's filters). On the same port the REST API's filter covers the management
 * paths as well.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(EngineAuthentication.class)
public class ManagementAuthConfiguration {

  /** Before everything else on the management server, as on the REST API's. */
  public static final int FILTER_ORDER = -100;

  @Bean
  FilterRegistrationBean<EngineAuthFilter> civicflowManagementAuthFilter(
      EngineAuthentication authentication, Environment environment) {
    FilterRegistrationBean<EngineAuthFilter> registration =
        new FilterRegistrationBean<>(
            authentication.filter(
                EngineAuthFilter.Rules.management(managementBasePath(environment))));
    registration.setOrder(FILTER_ORDER);
    registration.addUrlPatterns("/*");
    return registration;
  }

  /** {@code management.endpoints.web.base-path} (default {@code /actuator}). */
  public static String managementBasePath(Environment environment) {
    return environment.getProperty("management.endpoints.web.base-path", "/actuator");
  }
}
