package io.civicflow.engine.web;

import io.civicflow.engine.Engine;
import io.civicflow.engine.access.AccessCheck;
import io.civicflow.engine.access.AuthorizationSource;
import io.civicflow.engine.access.EngineAccess;
import io.civicflow.engine.access.IdentityAuthorizationSource;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.grpc.GrpcGateway;
import io.civicflow.engine.web.auth.AuthenticationController;
import io.civicflow.engine.web.auth.CallerEngine;
import io.civicflow.engine.web.auth.EngineAuthFilter;
import io.civicflow.engine.web.auth.EngineAuthentication;
import io.civicflow.engine.web.auth.Identity;
import io.civicflow.engine.web.auth.ManagementAuthConfiguration;
import io.civicflow.engine.web.error.ProblemAdvice;
import io.civicflow.engine.web.error.RequestSizeFilter;
import io.civicflow.engine.web.error.UnmatchedApiRequestResolver;
import io.civicflow.engine.web.json.WebJson;
import io.civicflow.engine.web.json.WebJsonHttpMessageConverter;
import io.civicflow.engine.web.management.ClockEndpoint;
import io.civicflow.engine.web.management.ClusterEndpoint;
import io.civicflow.engine.web.management.EngineHealthIndicator;
import io.civicflow.engine.web.management.JobStreamsEndpoint;
import io.civicflow.engine.web.v2.BatchOperationController;
import io.civicflow.engine.web.v2.ClusterController;
import io.civicflow.engine.web.v2.DeploymentController;
import io.civicflow.engine.web.v2.ElementInstanceController;
import io.civicflow.engine.web.v2.IncidentController;
import io.civicflow.engine.web.v2.JobController;
import io.civicflow.engine.web.v2.MessageController;
import io.civicflow.engine.web.v2.ProcessDefinitionController;
import io.civicflow.engine.web.v2.ProcessInstanceController;
import io.civicflow.engine.web.v2.VariableController;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Starts the embedded engine in any Spring Boot application that has the engine jar on its
 * classpath (unless {@code civicflow.engine.embedded.enabled=false}) and serves it as Camunda's
 * REST API v2 under {@code /v2}, with {@code /actuator/clock}, {@code /actuator/cluster} and the
 * engine's health on the management port. Everything comes through here: applications need not scan
 * {@code io.civicflow.engine.web}. Expose the management endpoints with {@code
 * management.endpoints.web.exposure.include=health,clock,cluster,jobstreams}.
 *
 * <p>Both are behind HTTP Basic authentication ({@link EngineAuthFilter}, {@code
 * civicflow.engine.auth.*}); the management endpoints other than health need an administrator.
 */
@AutoConfiguration
@ConditionalOnProperty(
    prefix = "civicflow.engine.embedded",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(EngineProperties.class)
public class EngineAutoConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(EngineAutoConfiguration.class);

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(EngineApi.class)
  public Engine civicflowEngine(
      EngineProperties properties,
      ObjectProvider<io.civicflow.engine.history.HistoryStoreFactory> historyStore) {
    LOG.info(
        "Starting the embedded engine (data dir {}, clock controlled {}, purge enabled {})",
        properties.dataDir().toAbsolutePath(),
        properties.clock().controlled(),
        properties.purge().enabled());
    // an application's own history store (a HistoryStoreFactory bean), else the embedded H2 one
    return Engine.start(
        properties.toEngineConfig().withHistoryStore(historyStore.getIfAvailable(() -> null)));
  }

  /** One authentication for every gateway (REST, management, gRPC), loaded once. */
  @Bean
  @ConditionalOnMissingBean
  EngineAuthentication civicflowAuthentication(EngineProperties properties, EngineApi engine) {
    return EngineAuthentication.from(properties.auth(), engine);
  }

  /**
   * The authorizations the access check enforces: the engine's identity state ({@code
   * /v2/authorizations}, seeded from the users file).
   */
  @Bean
  @ConditionalOnMissingBean
  AuthorizationSource civicflowAuthorizationSource(EngineApi engine) {
    return new IdentityAuthorizationSource(engine::identity);
  }

  /** The one authorization check of every gateway (REST and gRPC). */
  @Bean
  EngineAccess civicflowEngineAccess(EngineApi engine, AuthorizationSource authorizations) {
    return new EngineAccess(engine, new AccessCheck(authorizations));
  }

  /**
   * The gRPC gateway on {@code civicflow.engine.grpc.port} (26500), unless {@code
   * civicflow.engine.grpc.enabled=false}. Closed before the engine (it depends on it).
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(
      prefix = "civicflow.engine.grpc",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  @ConditionalOnClass(name = "io.grpc.netty.NettyServerBuilder")
  GrpcGateway civicflowGrpcGateway(
      EngineAccess access, EngineProperties properties, EngineAuthentication authentication) {
    BiFunction<String, String, Optional<Identity>> callers = authentication.callers();
    return GrpcGateway.start(
        access.engine(),
        properties.grpc().toSettings(properties.limits()),
        callers == null
            ? null
            : (header, address) -> callers.apply(header, address).map(access::as));
  }

  /** The REST API v2: controllers, JSON dialect and problem answers. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @Import({
    ClusterController.class,
    DeploymentController.class,
    ProcessInstanceController.class,
    ProcessDefinitionController.class,
    JobController.class,
    IncidentController.class,
    BatchOperationController.class,
    ElementInstanceController.class,
    VariableController.class,
    MessageController.class,
    io.civicflow.engine.web.v2.UserTaskController.class,
    io.civicflow.engine.web.v2.DecisionController.class,
    AuthenticationController.class,
    io.civicflow.engine.web.v2.UserController.class,
    io.civicflow.engine.web.v2.GroupController.class,
    io.civicflow.engine.web.v2.RoleController.class,
    io.civicflow.engine.web.v2.TenantController.class,
    io.civicflow.engine.web.v2.MappingRuleController.class,
    io.civicflow.engine.web.v2.AuthorizationController.class,
    ProblemAdvice.class
  })
  static class RestApiConfiguration {

    /** The engine every REST controller talks to: as the request's caller may use it. */
    @Bean
    CallerEngine civicflowCallerEngine(EngineAccess access) {
      return new CallerEngine(access);
    }

    /**
     * Authentication for {@code /v2}, and for the management endpoints when they share this server
     * (on their own port {@link ManagementAuthConfiguration} registers the filter there).
     */
    @Bean
    FilterRegistrationBean<EngineAuthFilter> civicflowAuthFilter(
        EngineAuthentication authentication, Environment environment) {
      String managementBasePath =
          ManagementPortType.get(environment) == ManagementPortType.SAME
              ? ManagementAuthConfiguration.managementBasePath(environment)
              : null;
      FilterRegistrationBean<EngineAuthFilter> registration =
          new FilterRegistrationBean<>(
              authentication.filter(EngineAuthFilter.Rules.restApi(managementBasePath)));
      registration.setOrder(ManagementAuthConfiguration.FILTER_ORDER);
      registration.addUrlPatterns("/*");
      return registration;
    }

    /**
     * The request limit of the REST API ({@code civicflow.engine.limits.max-request-size}, the same
     * as the gRPC gateway's), right after authentication.
     */
    @Bean
    FilterRegistrationBean<RequestSizeFilter> civicflowRequestSizeFilter(
        EngineProperties properties) {
      FilterRegistrationBean<RequestSizeFilter> registration =
          new FilterRegistrationBean<>(
              new RequestSizeFilter(
                  properties.limits().maxRequestSize().toBytes(), WebJson.newObjectMapper()));
      registration.setOrder(ManagementAuthConfiguration.FILTER_ORDER + 1);
      registration.addUrlPatterns("/v2/*");
      return registration;
    }

    /**
     * The browser security headers on every response of this server ({@link
     * SecurityHeadersFilter}).
     */
    @Bean(SecurityHeadersFilter.REGISTRATION)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean(
        name = SecurityHeadersFilter.REGISTRATION)
    FilterRegistrationBean<SecurityHeadersFilter> civicflowSecurityHeaders() {
      FilterRegistrationBean<SecurityHeadersFilter> registration =
          new FilterRegistrationBean<>(new SecurityHeadersFilter());
      registration.setOrder(ManagementAuthConfiguration.FILTER_ORDER - 1);
      registration.addUrlPatterns("/*");
      return registration;
    }

    private static final String MAX_PART_COUNT = "server.tomcat.max-part-count";

    /**
     * The web layer's JSON dialect ({@link WebJson}) for its own types only. Deliberately no {@code
     * ObjectMapper} bean: one would replace Spring Boot's auto-configured mapper in the embedding
     * application.
     */
    @Bean
    WebMvcConfigurer civicflowWebMvcConfigurer() {
      WebJsonHttpMessageConverter converter =
          new WebJsonHttpMessageConverter(WebJson.newObjectMapper());
      return new WebMvcConfigurer() {
        @Override
        public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
          converters.add(0, converter);
        }
      };
    }

    /**
     * Spring MVC's request mapping with a cheap first test ({@link LiteralPrefixHandlerMapping}).
     */
    @Bean
    WebMvcRegistrations civicflowWebMvcRegistrations() {
      return new WebMvcRegistrations() {
        @Override
        public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
          return new LiteralPrefixHandlerMapping();
        }
      };
    }

    /**
     * Zeebe limits a deployment by its size, not by its number of resources, and applications
     * deploy all their models and forms in one request. Tomcat's multipart parser refuses more than
     * {@code server.tomcat.max-part-count} parts (Spring Boot's default: 50), so unless that
     * property is set the embedded server accepts any number of parts; the request size stays
     * limited by {@code spring.servlet.multipart.max-request-size}.
     */
    @Bean
    @ConditionalOnClass(name = "org.apache.catalina.connector.Connector")
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> civicflowMultipartPartCount(
        Environment environment) {
      return new WebServerFactoryCustomizer<>() {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
          if (!environment.containsProperty(MAX_PART_COUNT)) {
            factory.addConnectorCustomizers(connector -> connector.setMaxPartCount(-1));
          }
        }
      };
    }

    @Bean
    UnmatchedApiRequestResolver civicflowUnmatchedApiRequestResolver() {
      return new UnmatchedApiRequestResolver(WebJson.newObjectMapper());
    }
  }

  /** The management endpoints Camunda Process Test uses, and the engine's health. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Endpoint.class)
  static class ManagementConfiguration {

    @Bean
    @ConditionalOnAvailableEndpoint
    ClockEndpoint civicflowClockEndpoint(EngineApi engine) {
      return new ClockEndpoint(engine);
    }

    @Bean
    @ConditionalOnAvailableEndpoint
    ClusterEndpoint civicflowClusterEndpoint(EngineApi engine) {
      return new ClusterEndpoint(engine);
    }

    @Bean
    @ConditionalOnAvailableEndpoint
    JobStreamsEndpoint civicflowJobStreamsEndpoint(ObjectProvider<GrpcGateway> gateway) {
      return new JobStreamsEndpoint(gateway);
    }

    @Bean
    @ConditionalOnEnabledHealthIndicator("engine")
    EngineHealthIndicator engineHealthIndicator(EngineApi engine) {
      return new EngineHealthIndicator(engine);
    }
  }
}
