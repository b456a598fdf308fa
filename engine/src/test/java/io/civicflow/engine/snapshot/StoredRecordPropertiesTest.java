package io.civicflow.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.civicflow.engine.event.EventBatch;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.state.EventState;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every record the journal and the snapshots store is written with exactly its components: a
 * derived accessor such as {@code isStartEvent()} would be written as a property of its own, which
 * the strict record mapper then refuses to read back (a snapshot that cannot be loaded). Walks
 * every record reachable from {@link Snapshot} and {@link EventBatch}, including the permitted
 * subtypes of sealed interfaces.
 */
class StoredRecordPropertiesTest {

  @Test
  void everyStoredRecordIsWrittenWithExactlyItsComponents() {
    Map<String, Set<String>> extra = new LinkedHashMap<>();
    for (Class<?> type : storedRecords()) {
      JavaType javaType = Json.MAPPER.constructType(type);
      List<BeanPropertyDefinition> properties =
          Json.MAPPER.getSerializationConfig().introspect(javaType).findProperties();
      Set<String> components = new HashSet<>();
      for (RecordComponent component : type.getRecordComponents()) {
        components.add(component.getName());
      }
      Set<String> written = new TreeSet<>();
      for (BeanPropertyDefinition property : properties) {
        if (property.couldSerialize() && !components.contains(property.getName())) {
          written.add(property.getName());
        }
      }
      if (!written.isEmpty()) {
        extra.put(type.getName(), written);
      }
    }
    assertThat(extra).as("properties written beside the record components").isEmpty();
  }

  @Test
  void aTimerStoredWithItsDerivedStartEventFlagIsStillRead() throws Exception {
    // snapshots written before the flag was left out carry it
    String stored =
        "{\"key\":1,\"elementInstanceKey\":-1,\"processInstanceKey\":-1,\"processDefinitionKey\":2,"
            + "\"targetElementId\":\"Start\",\"dueDate\":3,\"repetitions\":0,\"cycle\":null,"
            + "\"startEvent\":true}";

    EventState.Timer timer = Json.MAPPER.readValue(stored, EventState.Timer.class);

    assertThat(timer.isStartEvent()).isTrue();
    assertThat(Json.MAPPER.writeValueAsString(timer)).doesNotContain("startEvent");
  }

  private static Set<Class<?>> storedRecords() {
    Set<Class<?>> seen = new HashSet<>();
    Set<Class<?>> records = new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
    Deque<Type> todo = new ArrayDeque<>(List.of(Snapshot.class, EventBatch.class));
    while (!todo.isEmpty()) {
      Type next = todo.pop();
      if (next instanceof ParameterizedType parameterized) {
        todo.addAll(Arrays.asList(parameterized.getActualTypeArguments()));
        todo.push(parameterized.getRawType());
        continue;
      }
      if (!(next instanceof Class<?> type) || !seen.add(type)) {
        continue;
      }
      if (type.isArray()) {
        todo.push(type.getComponentType());
        continue;
      }
      if (!type.getName().startsWith("io.civicflow.")) {
        continue;
      }
      if (type.isSealed()) {
        todo.addAll(Arrays.asList(type.getPermittedSubclasses()));
      }
      if (type.isRecord()) {
        records.add(type);
        for (RecordComponent component : type.getRecordComponents()) {
          todo.push(component.getGenericType());
        }
      }
    }
    return records;
  }
}
