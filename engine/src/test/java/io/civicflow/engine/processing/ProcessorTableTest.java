package io.civicflow.engine.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.engine.clock.EngineClock;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.model.BpmnTransformer;
import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.EventType;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.model.InvalidModelException;
import io.civicflow.engine.state.ElementInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The processor table fits the typed elements: every element the transformer builds from the test
 * models and the application's processes goes to a processor whose element family it belongs to, so
 * no processor is ever handed an element of another family; and the table refuses to be built with
 * a kind missing or a second processor for a kind or a (kind, event type) pair.
 */
class ProcessorTableTest {

  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-01-05T00:00:00Z"));

  @Test
  void shouldGiveEveryElementAProcessorOfItsFamily() throws IOException {
    FeelEngine feel = new FeelEngine(CLOCK);
    Processors processors =
        new Processors(
            feel, new EngineClock(CLOCK), new HashMap<>(), new NoListener(), new UserTaskWaiters());
    BpmnTransformer transformer = new BpmnTransformer(feel);

    List<ExecutableElement> checked = new ArrayList<>();
    for (Path model : models()) {
      List<ExecutableProcess> processes;
      try {
        processes = transformer.transform(model.toString(), Files.readAllBytes(model));
      } catch (InvalidModelException e) {
        continue; // models that test deployment rejections
      }
      for (ExecutableProcess process : processes) {
        for (ExecutableElement element : process.elements().values()) {
          assertThat(processors.lifecycle.processor(element).elementType().isInstance(element))
              .as("%s in %s", element, model)
              .isTrue();
          checked.add(element);
        }
      }
    }
    // the models cover every family
    assertThat(checked.stream().map(Object::getClass).distinct())
        .containsExactlyInAnyOrderElementsOf(families(ExecutableElement.class));
  }

  @Test
  void shouldRefuseATableWithoutAProcessorForEveryKind() {
    ElementProcessors.Builder table =
        ElementProcessors.table()
            .kinds(
                new EventBasedGatewayProcessor(),
                Arrays.stream(ElementKind.values())
                    .filter(kind -> kind != ElementKind.USER_TASK)
                    .toArray(ElementKind[]::new));

    assertThatThrownBy(table::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no processor for the element kind USER_TASK");
  }

  @Test
  void shouldRefuseASecondProcessorForAKindOrAnEventType() {
    EventBasedGatewayProcessor processor = new EventBasedGatewayProcessor();

    assertThatThrownBy(
            () ->
                ElementProcessors.table()
                    .kinds(processor, ElementKind.TASK)
                    .kinds(processor, ElementKind.MANUAL_TASK, ElementKind.TASK))
        .hasMessage("a second processor for TASK");
    assertThatThrownBy(
            () ->
                ElementProcessors.table()
                    .event(processor, EventType.SIGNAL, ElementKind.END_EVENT)
                    .event(processor, EventType.SIGNAL, ElementKind.END_EVENT))
        .hasMessage("a second processor for END_EVENT SIGNAL");
  }

  private static List<Class<?>> families(Class<?> sealed) {
    List<Class<?>> records = new ArrayList<>();
    for (Class<?> permitted : sealed.getPermittedSubclasses()) {
      if (permitted.isRecord()) {
        records.add(permitted);
      } else {
        records.addAll(families(permitted));
      }
    }
    return records;
  }

  private static List<Path> models() throws IOException {
    List<Path> models = new ArrayList<>();
    for (Path dir : List.of(Path.of("src/test/resources/bpmn"), Path.of("../processes"))) {
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(f -> f.toString().endsWith(".bpmn")).sorted().forEach(models::add);
      }
    }
    return models;
  }

  private static final class NoListener implements ContainerProcessor.ProcessInstanceListener {
    @Override
    public void onCompleted(
        ProcessingContext ctx, ElementInstance processInstance, Map<String, Object> variables) {}

    @Override
    public void onTerminated(ProcessingContext ctx, ElementInstance processInstance) {}
  }
}
