package io.civicflow.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
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
}
