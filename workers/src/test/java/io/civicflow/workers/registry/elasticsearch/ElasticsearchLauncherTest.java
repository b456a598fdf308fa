package io.civicflow.workers.registry.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.workers.testing.FreePorts;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchLauncherTest {

  @Test
  void shouldSeeARunningServerAndNothingOnAFreePort(ElasticsearchTestServer server) {
    assertThat(ElasticsearchLauncher.isRunning(server.baseUri())).isTrue();
    assertThat(ElasticsearchLauncher.isRunning(URI.create("http://127.0.0.1:" + FreePorts.next())))
        .isFalse();
  }

  @Test
  void shouldRefuseToStartWhereAServerAlreadyAnswers(
      ElasticsearchTestServer server, @TempDir Path workDir) {
    // given
    ElasticsearchLauncher second =
        new ElasticsearchLauncher(
            ElasticsearchLauncher.Settings.of(
                Path.of("unused"), workDir, server.baseUri().getPort()));

    // when / then
    assertThatThrownBy(second::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already answers on " + server.baseUri());
  }

  @Test
  void shouldExplainAMissingDistribution(@TempDir Path workDir) {
    ElasticsearchLauncher launcher =
        new ElasticsearchLauncher(
            ElasticsearchLauncher.Settings.of(
                workDir.resolve("nothing-here"), workDir, FreePorts.next()));

    assertThatThrownBy(launcher::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No Elasticsearch distribution at");
  }
}
