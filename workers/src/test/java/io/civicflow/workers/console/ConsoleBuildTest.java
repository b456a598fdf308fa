package io.civicflow.workers.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The console the jar serves is the production build: no source map (issue 19: the console served
 * its 4.3 MB source map, the application's whole front-end source).
 */
class ConsoleBuildTest {

  @Test
  void shouldServeTheBundleWithoutASourceMap() throws IOException {
    ClassLoader loader = getClass().getClassLoader();
    try (InputStream app = loader.getResourceAsStream("static/app.js")) {
      Assumptions.assumeTrue(app != null, "the console is built (not -Dconsole.skip=true)");
      assertThat(new String(app.readAllBytes(), StandardCharsets.UTF_8))
          .doesNotContain("sourceMappingURL");
    }
    assertThat(loader.getResource("static/app.js.map")).isNull();
  }
}
