package io.civicflow.workers.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The files these tests check, read where modellers change them: {@code processes/} and {@code
 * forms/} at the top of the repository (Surefire runs in {@code workers/}, so the root is found by
 * walking up to the directory that holds {@code workers/pom.xml}). Without a checkout around (a
 * test jar run on its own) the models come from the classpath, where the build copies them.
 */
final class RepositoryFiles {

  /**
   * A file by its path relative to the repository root (or classpath), e.g. {@code
   * processes/a.bpmn}.
   */
  record SourceFile(String name, byte[] content) {

    InputStream open() {
      return new ByteArrayInputStream(content);
    }

    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private RepositoryFiles() {}

  /** The repository root, if these tests run inside a checkout. */
  static Optional<Path> root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("workers/pom.xml"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** The repository root; fails the calling test when there is no checkout. */
  static Path requireRoot() {
    return root()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no repository root (a directory with workers/pom.xml) above "
                        + Path.of("").toAbsolutePath()));
  }

  /**
   * Every file under {@code folder} ({@code processes} or {@code forms}) whose name ends with
   * {@code suffix}.
   */
  static List<SourceFile> files(String folder, String suffix) {
    Optional<Path> root = root();
    return root.isPresent()
        ? fromDirectory(root.get(), folder, suffix)
        : fromClasspath(folder, suffix);
  }

  private static List<SourceFile> fromDirectory(Path root, String folder, String suffix) {
    Path dir = root.resolve(folder);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      List<SourceFile> files = new ArrayList<>();
      for (Path path :
          paths
              .filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(suffix))
              .sorted()
              .toList()) {
        files.add(
            new SourceFile(
                root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path)));
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<SourceFile> fromClasspath(String folder, String suffix) {
    try {
      Resource[] resources =
          new PathMatchingResourcePatternResolver()
              .getResources("classpath*:/" + folder + "/**/*" + suffix);
      List<SourceFile> files = new ArrayList<>();
      for (Resource resource : resources) {
        try (InputStream in = resource.getInputStream()) {
          files.add(new SourceFile(folder + "/" + resource.getFilename(), in.readAllBytes()));
        }
      }
      files.sort(Comparator.comparing(SourceFile::name));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
