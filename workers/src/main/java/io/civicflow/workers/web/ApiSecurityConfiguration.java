package io.civicflow.workers.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.engine.web.EngineProperties;
import io.civicflow.engine.web.auth.EngineAuthFilter;
import io.civicflow.engine.web.auth.EngineAuthentication;
import io.civicflow.engine.web.auth.Identity;
import io.civicflow.engine.web.auth.ManagementAuthConfiguration;
import io.civicflow.engine.web.error.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /api/**} behind the same authentication as the engine's REST API and the console (HTTP
 * Basic against the users file; 401 with a problem body without or with wrong credentials), after a
 * Host header check ({@code civicflow.api.allowed-hosts}; 403 for any other name, so a
 * DNS-rebinding page cannot read the data), and with {@link ApiAccess} for the analytics (403
 * unless analyst, bureau or administrator). With the embedded engine off (Camunda 8) the same
 * {@code civicflow.engine.auth.*} properties name the users file.
 */
@Configuration(proxyBeanMethods = false)
public class ApiSecurityConfiguration {

  static final String API = "/api";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Bean
  FilterRegistrationBean<HostCheck> civicflowApiHostCheck(
      @Value("${civicflow.api.allowed-hosts:localhost,127.0.0.1,[::1]}") List<String> hosts) {
    FilterRegistrationBean<HostCheck> registration =
        new FilterRegistrationBean<>(
            new HostCheck(
                hosts.stream()
                    .map(h -> h.trim().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet())));
    registration.setName("civicflowApiHostCheck");
    registration.setOrder(ManagementAuthConfiguration.FILTER_ORDER - 1);
    registration.addUrlPatterns(API + "/*");
    return registration;
  }

  @Bean
  FilterRegistrationBean<EngineAuthFilter> civicflowApiAuthFilter(
      ObjectProvider<EngineAuthentication> engineAuthentication, Environment environment) {
    EngineAuthentication authentication =
        engineAuthentication.getIfAvailable(
            () ->
                EngineAuthentication.fromUsersFile(
                    Binder.get(environment)
                        .bindOrCreate("civicflow.engine.auth", EngineProperties.Auth.class)));
    FilterRegistrationBean<EngineAuthFilter> registration =
        new FilterRegistrationBean<>(
            authentication.filter(
                path ->
                    path.equals(API) || path.startsWith(API + "/")
                        ? EngineAuthFilter.Access.USER
                        : EngineAuthFilter.Access.NONE));
    registration.setName("civicflowApiAuthFilter");
    registration.setOrder(ManagementAuthConfiguration.FILTER_ORDER);
    registration.addUrlPatterns(API + "/*");
    return registration;
  }

  @Bean
  FilterRegistrationBean<AnalyticsAccess> civicflowApiAnalyticsAccess() {
    FilterRegistrationBean<AnalyticsAccess> registration =
        new FilterRegistrationBean<>(new AnalyticsAccess());
    registration.setName("civicflowApiAnalyticsAccess");
    registration.setOrder(ManagementAuthConfiguration.FILTER_ORDER + 1);
    registration.addUrlPatterns(API + "/analytics/*");
    return registration;
  }

  /** The caller as {@link ApiAccess} sees them; the request passed the authentication filter. */
  public static ApiAccess access(HttpServletRequest request) {
    Identity identity = Identity.of(request);
    return new ApiAccess(identity.username(), identity.groups(), identity.roles());
  }

  static void problem(
      HttpServletRequest request, HttpServletResponse response, int status, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    JSON.writeValue(
        response.getOutputStream(),
        Problem.of(
            status == 403 ? "FORBIDDEN" : "INVALID_ARGUMENT",
            status,
            detail,
            request.getRequestURI()));
  }

  /** Refuses a Host header outside the configured names. */
  static final class HostCheck extends OncePerRequestFilter {

    private final Set<String> allowed;

    HostCheck(Set<String> allowed) {
      this.allowed = allowed;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String host = request.getHeader(HttpHeaders.HOST);
      if (!ApiAccess.hostAllowed(host, allowed)) {
        problem(
            request,
            response,
            403,
            "Host '"
                + host
                + "' is not one of civicflow.api.allowed-hosts: the application answers only"
                + " under its own names");
        return;
      }
      chain.doFilter(request, response);
    }
  }

  /** Analytics for analysts, the bureau and administrators only. */
  static final class AnalyticsAccess extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      ApiAccess access = access(request);
      if (!access.mayReadAnalytics()) {
        problem(
            request,
            response,
            403,
            "User '"
                + access.username()
                + "' may not read analytics (role analyst, group civil-affairs or admin only)");
        return;
      }
      chain.doFilter(request, response);
    }
  }
}
