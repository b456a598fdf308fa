package io.civicflow.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Issue 19: the console and the API sent no CSP, X-Frame-Options or X-Content-Type-Options. */
class SecurityHeadersFilterTest {

  @Test
  void shouldForbidEverythingActiveOnTheApi() throws Exception {
    MockHttpServletResponse response = filter("/v2/process-instances/search");

    assertThat(response.getHeader("Content-Security-Policy"))
        .isEqualTo("default-src 'none'; frame-ancestors 'none'");
    assertCommonHeaders(response);
    assertThat(filter("/actuator/health").getHeader("Content-Security-Policy"))
        .isEqualTo(SecurityHeadersFilter.API_POLICY);
  }

  @Test
  void shouldAllowPagesOwnScriptsStylesAndRequestsOnly() throws Exception {
    MockHttpServletResponse response = filter("/index.html");

    assertThat(response.getHeader("Content-Security-Policy"))
        .contains("default-src 'self'")
        .contains("script-src 'self';")
        .contains("connect-src 'self'")
        .contains("object-src 'none'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-eval");
    assertCommonHeaders(response);
  }

  @Test
  void shouldLeaveAHeaderAHandlerSetAlready() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    response.setHeader("Referrer-Policy", "same-origin");
    new SecurityHeadersFilter()
        .doFilter(new MockHttpServletRequest("GET", "/"), response, new MockFilterChain());
    assertThat(response.getHeader("Referrer-Policy")).isEqualTo("same-origin");
  }

  private static void assertCommonHeaders(MockHttpServletResponse response) {
    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
  }

  private static MockHttpServletResponse filter(String path) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    new SecurityHeadersFilter()
        .doFilter(new MockHttpServletRequest("GET", path), response, new MockFilterChain());
    return response;
  }
}
