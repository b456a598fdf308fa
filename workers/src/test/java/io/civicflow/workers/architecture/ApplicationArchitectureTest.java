package io.civicflow.workers.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The application's boundaries. Domain classes decide; adapters connect them to Spring and the
 * Camunda client: job workers ({@code *Worker}), Spring wiring ({@code *Configuration}, {@code
 * *Properties}, the application class), HTTP controllers ({@code *Controller}), and the packages
 * {@code camunda} and {@code <area>.camunda} (Camunda client queries and commands), {@code
 * registry.elasticsearch} (the Elasticsearch adapters) and {@code demo} (the demo round). Time has
 * one source, engine time ({@code CalendarConfiguration}); no other class reads the system clock.
 * The areas ({@code io.civicflow.workers.*}, sub-packages each their own) depend on each other
 * without cycles. The application starts no operating-system processes.
 */
class ApplicationArchitectureTest {

  private static JavaClasses application;

  @BeforeAll
  static void importClasses() {
    application =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.civicflow.workers");
  }

  /** Job workers, Spring wiring, HTTP controllers and the Elasticsearch adapter package. */
  static final DescribedPredicate<JavaClass> ADAPTER =
      DescribedPredicate.describe(
          "an adapter (*Worker, *Configuration, *Controller, *Properties, the application class,"
              + " the camunda, *.camunda, registry.elasticsearch and demo packages)",
          c -> {
            String name = c.getName();
            String simple = name.substring(name.lastIndexOf('.') + 1).split("\\$")[0];
            return simple.endsWith("Worker")
                || simple.endsWith("Configuration")
                || simple.endsWith("Controller")
                || simple.endsWith("Properties")
                || simple.equals("CivicFlowApplication")
                || c.getPackageName().matches("io\\.civicflow\\.workers\\.(.+\\.)?camunda(\\..+)?")
                || inPackage(c, "io.civicflow.workers.registry.elasticsearch")
                || inPackage(c, "io.civicflow.workers.demo");
          });

  private static boolean inPackage(JavaClass c, String name) {
    return c.getPackageName().equals(name) || c.getPackageName().startsWith(name + ".");
  }

  @Test
  void domainClassesDoNotDependOnSpringOrTheCamundaClient() {
    noClasses()
        .that(DescribedPredicate.not(ADAPTER))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "io.camunda..")
        .check(application);
  }

  @Test
  void onlyEngineTimeReadsTheSystemClock() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("io.civicflow.workers.calendar.CalendarConfiguration")
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(java.time.LocalDate.class, "now")
        .orShould()
        .callMethod(java.time.LocalDateTime.class, "now")
        .orShould()
        .callMethod(java.time.ZonedDateTime.class, "now")
        .orShould()
        .callMethod(java.time.OffsetDateTime.class, "now")
        .orShould()
        .callMethod(java.time.Clock.class, "systemUTC")
        .orShould()
        .callMethod(java.time.Clock.class, "systemDefaultZone")
        .orShould()
        .callMethod(java.time.InstantSource.class, "system")
        .check(application);
  }

  /**
   * Starting servers and creating operating-system users is development tooling ({@code scripts/},
   * the tests' Elasticsearch launcher), never the application's job.
   */
  @Test
  void theApplicationStartsNoOperatingSystemProcesses() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(ProcessBuilder.class, Process.class, ProcessHandle.class, Runtime.class)
        .check(application);
  }

  @Test
  void theApplicationsAreasFormNoCycles() {
    slices().matching("io.civicflow.workers.(**)").should().beFreeOfCycles().check(application);
  }
}
