package io.civicflow.engine.web.error;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns every failure raised by the engine's REST controllers (engine rejections, also when wrapped
 * in a {@code CompletionException}; malformed JSON; missing or invalid parameters; unexpected
 * exceptions) into an {@code application/problem+json} answer. Scoped to the web package, so an
 * application that embeds the engine keeps its own error handling; requests under {@code /v2} that
 * never reach one of these controllers (unknown path, wrong method, upload too large) are answered
 * by {@link UnmatchedApiRequestResolver} with the same mapping.
 */
@RestControllerAdvice(basePackages = "io.civicflow.engine.web")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemAdvice {

  @ExceptionHandler(Exception.class)
  public ResponseEntity<Problem> handle(Exception failure, HttpServletRequest request) {
    return Problems.toResponse(failure, request);
  }
}
