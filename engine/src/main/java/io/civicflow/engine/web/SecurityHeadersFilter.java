package io.civicflow.engine.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser security headers on every response: {@code X-Content-Type-Options: nosniff}, {@code
 * X-Frame-Options: DENY}, {@code Referrer-Policy: no-referrer}, and a Content Security Policy — for
 * the API ({@code /v2}, {@code /actuator}: JSON that nothing may run or frame) {@value
 * #API_POLICY}; for pages (the application's console) {@value #PAGE_POLICY}: scripts, styles, fonts
 * and requests from this origin only (inline styles allowed, which the diagram and form renderers
 * set), never framed. A header a handler set already is left as it is.
 */
public final class SecurityHeadersFilter extends OncePerRequestFilter {

  /** The bean name of its registration; an embedding application may register its own. */
  public static final String REGISTRATION = "civicflowSecurityHeaders";

  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

  static final String PAGE_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self';"
          + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean api =
        path.equals("/v2")
            || path.startsWith("/v2/")
            || path.equals("/actuator")
            || path.startsWith("/actuator/");
    set(response, "Content-Security-Policy", api ? API_POLICY : PAGE_POLICY);
    set(response, "X-Content-Type-Options", "nosniff");
    set(response, "X-Frame-Options", "DENY");
    set(response, "Referrer-Policy", "no-referrer");
    chain.doFilter(request, response);
  }

  private static void set(HttpServletResponse response, String name, String value) {
    if (!response.containsHeader(name)) {
      response.setHeader(name, value);
    }
  }
}
