package io.civicflow.workers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The application's jar as the build packages it ({@code target/civicflow-app.jar}, after {@code
 * package}) holds no development tooling: no Elasticsearch launcher, no code that creates
 * operating-system users or starts processes. Those live in the test code and in {@code scripts/}.
 */
class ProductionJarIT {

  private static final Path JAR = Path.of("target", "civicflow-app.jar");

  @Test
  void shouldHoldNoLauncherAndNoUserAccountCode() throws IOException {
    assertThat(JAR).isRegularFile();
    List<String> ownClasses = new ArrayList<>();
    List<String> offending = new ArrayList<>();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (JarEntry entry : jar.stream().toList()) {
        String name = entry.getName();
        if (!name.startsWith("BOOT-INF/classes/") || !name.endsWith(".class")) {
          continue;
        }
        ownClasses.add(name);
        String constants = read(jar, entry);
        for (String forbidden :
            List.of(
                "ElasticsearchLauncher",
                "ServiceAccount",
                "useradd",
                "runuser",
                "java/lang/ProcessBuilder",
                "java/lang/ProcessHandle")) {
          if (constants.contains(forbidden)) {
            offending.add(name + " mentions " + forbidden);
          }
        }
      }
    }
    assertThat(ownClasses)
        .as("the jar's own classes")
        .contains("BOOT-INF/classes/io/civicflow/workers/CivicFlowApplication.class");
    assertThat(offending).isEmpty();
  }

  private static String read(JarFile jar, JarEntry entry) throws IOException {
    try (InputStream in = jar.getInputStream(entry)) {
      // class-file constants (names, strings) are modified UTF-8: ASCII ones appear as they are
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
