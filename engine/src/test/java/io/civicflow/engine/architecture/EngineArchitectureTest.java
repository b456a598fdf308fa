package io.civicflow.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.civicflow.engine.api.EngineRejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The few boundaries that keep the engine embeddable and replayable. */
class EngineArchitectureTest {

  private static JavaClasses engine;

  @BeforeAll
  static void importClasses() {
    engine =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.civicflow.engine");
  }

  @Test
  void theCoreDoesNotDependOnSpring() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackage("io.civicflow.engine.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.servlet..");
    rule.check(engine);
  }

  @Test
  void onlyTheClockAndTheConfigurationReadSystemTime() {
    ArchRule rule =
        noClasses()
            .that()
            .doNotHaveFullyQualifiedName("io.civicflow.engine.EngineConfig")
            .and()
            .doNotHaveFullyQualifiedName("io.civicflow.engine.web.EngineProperties")
            .should()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(java.time.Instant.class, "now")
            .orShould()
            .callMethod(java.time.InstantSource.class, "system")
            .orShould()
            .callMethod(java.time.LocalDate.class, "now")
            .orShould()
            .callMethod(java.time.LocalDateTime.class, "now")
            .orShould()
            .callMethod(java.time.ZonedDateTime.class, "now")
            .orShould()
            .callMethod(java.time.OffsetDateTime.class, "now");
    rule.check(engine);
  }

  @Test
  void theWebLayerTalksToTheEngineThroughItsApiOnly() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("io.civicflow.engine.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.civicflow.engine.processing..",
                "io.civicflow.engine.state..",
                "io.civicflow.engine.journal..",
                "io.civicflow.engine.event..",
                "io.civicflow.engine.model..");
    rule.check(engine);
  }

  @Test
  void theGrpcGatewayTalksToTheEngineThroughItsApiOnlyAndKnowsNothingOfTheWebLayer() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("io.civicflow.engine.grpc..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.civicflow.engine.processing..",
                "io.civicflow.engine.state..",
                "io.civicflow.engine.journal..",
                "io.civicflow.engine.event..",
                "io.civicflow.engine.model..",
                "io.civicflow.engine.web..");
    rule.check(engine);
  }

  @Test
  void stateChangesOnlyThroughTheEventApplier() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackage("io.civicflow.engine.state..")
            .should()
            .accessField(io.civicflow.engine.state.ElementInstance.class, "phase");
    rule.check(engine);
  }

  /**
   * Command handlers answer a rejection as a value ({@code Outcome}, {@code Rejection}); only the
   * edges that complete a caller's future (admission, job activation, awaited results) and {@code
   * Rejection} itself turn one into an {@link EngineRejection}.
   */
  @Test
  void commandHandlersAnswerRejectionsAsValues() {
    Set<String> edges =
        Set.of("Rejection", "CommandQueue", "JobActivation", "ResultWaiters", "UserTaskWaiters");
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("io.civicflow.engine.processing")
            .and(
                DescribedPredicate.describe(
                    "not an edge " + edges,
                    (JavaClass c) ->
                        !edges.contains(
                            c.getName()
                                .substring(c.getPackageName().length() + 1)
                                .split("\\$")[0])))
            .should()
            .dependOnClassesThat()
            .areAssignableTo(EngineRejection.class);
    rule.check(engine);
  }

  /** Issue 20: no main file over this many lines. */
  private static final int MAX_LINES = 500;

  /** Issue 20: what is left in {@code Partition} is the loop you can read on one screen. */
  private static final int MAX_PARTITION_LINES = 300;

  @Test
  void noMainFileIsOverFiveHundredLinesAndPartitionOverThreeHundred() throws IOException {
    Path sources = Path.of("src/main/java");
    Map<String, Long> tooLong = new TreeMap<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String name = sources.relativize(file).toString().replace('\\', '/');
        long lines;
        try (Stream<String> content = Files.lines(file)) {
          lines = content.count();
        }
        int limit = name.endsWith("/Partition.java") ? MAX_PARTITION_LINES : MAX_LINES;
        if (lines > limit) {
          tooLong.put(name, lines);
        }
      }
    }
    assertThat(tooLong).as("files over the line limit (split them by concern)").isEmpty();
    assertThat(sources.resolve("io/civicflow/engine/processing/Partition.java")).exists();
  }
}
