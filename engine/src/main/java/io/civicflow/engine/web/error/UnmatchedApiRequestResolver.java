package io.civicflow.engine.web.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers failures of {@code /v2/...} requests that no engine controller handled — unknown path
 * (404), wrong method (405), unsupported media type (415), multipart upload too large (413) — as
 * Camunda problems instead of Spring Boot's JSON error page (which the Java client cannot parse).
 * Failures inside the engine's controllers are left to {@link ProblemAdvice}; everything outside
 * {@code /v2} is left to the application.
 */
public final class UnmatchedApiRequestResolver implements HandlerExceptionResolver, Ordered {

  private static final Logger LOG = LoggerFactory.getLogger(UnmatchedApiRequestResolver.class);
  private static final String API_PREFIX = "/v2/";
  private static final String WEB_PACKAGE = "io.civicflow.engine.web.";

  private final ObjectMapper objectMapper;

  public UnmatchedApiRequestResolver(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  @Override
  public ModelAndView resolveException(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
    if (!isApiRequest(request) || isEngineController(handler) || response.isCommitted()) {
      return null;
    }
    ResponseEntity<Problem> answer = Problems.toResponse(failure, request);
    try {
      response.setStatus(answer.getStatusCode().value());
      answer
          .getHeaders()
          .forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
      response.getOutputStream().write(objectMapper.writeValueAsBytes(answer.getBody()));
      response.flushBuffer();
    } catch (IOException e) {
      LOG.debug("Could not write problem for {}", request.getRequestURI(), e);
    }
    return new ModelAndView();
  }

  @Override
  public int getOrder() {
    // after Spring Boot's DefaultErrorAttributes (which only records), before Spring MVC's
    // resolvers
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }

  private static boolean isApiRequest(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith(API_PREFIX) || path.equals("/v2");
  }

  private static boolean isEngineController(Object handler) {
    return handler instanceof HandlerMethod method
        && method.getBeanType().getName().startsWith(WEB_PACKAGE);
  }
}
