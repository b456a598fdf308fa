package io.civicflow.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPatternParser;

/** What the cheap first test of a mapping compares a request's path with. */
class LiteralPrefixHandlerMappingTest {

  private static RequestMappingInfo info(String... paths) {
    return RequestMappingInfo.paths(paths).options(config()).build();
  }

  private static RequestMappingInfo.BuilderConfiguration config() {
    RequestMappingInfo.BuilderConfiguration config = new RequestMappingInfo.BuilderConfiguration();
    config.setPatternParser(new PathPatternParser());
    return config;
  }

  @Test
  void shouldCompareTheLiteralBeginningOfEachPattern() {
    assertThat(LiteralPrefixHandlerMapping.prefixes(info("/v2/jobs/{jobKey}/completion")))
        .containsExactly("/v2/jobs/");
    assertThat(LiteralPrefixHandlerMapping.prefixes(info("/v2/jobs/activation")))
        .containsExactly("/v2/jobs/activation");
    assertThat(LiteralPrefixHandlerMapping.prefixes(info("/v2/documents/*/links", "/v2/files/**")))
        .containsExactly("/v2/documents/", "/v2/files/");
  }

  @Test
  void shouldLetEveryPathThroughWhenAPatternStartsWithAVariableOrWildcard() {
    assertThat(LiteralPrefixHandlerMapping.prefixes(info("/{tenant}/jobs"))).isEmpty();
    assertThat(LiteralPrefixHandlerMapping.prefixes(info("/v2/users", "/**"))).isEmpty();
    assertThat(LiteralPrefixHandlerMapping.prefixes(RequestMappingInfo.paths().build())).isEmpty();
  }
}
