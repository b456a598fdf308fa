package io.civicflow.engine.event;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journal's type names of events ({@code "@"}): an event record's simple name, for every record
 * of the sealed {@link EngineEvent} hierarchy (sub-interfaces such as {@link IdentityEvent}
 * included). Two event records with the same simple name would make the journal ambiguous; that
 * fails at class initialisation.
 */
public final class EventTypeNames extends TypeIdResolverBase {

  private static final Map<String, Class<?>> TYPES = collect();

  private JavaType base;

  /** Every event record by its journal type name. */
  public static Map<String, Class<?>> types() {
    return TYPES;
  }

  @Override
  public void init(JavaType baseType) {
    base = baseType;
  }

  @Override
  public String idFromValue(Object value) {
    return value.getClass().getSimpleName();
  }

  @Override
  public String idFromValueAndType(Object value, Class<?> suggestedType) {
    return (value != null ? value.getClass() : suggestedType).getSimpleName();
  }

  @Override
  public JavaType typeFromId(DatabindContext context, String id) {
    Class<?> type = TYPES.get(id);
    return type == null ? null : context.constructSpecializedType(base, type);
  }

  @Override
  public String getDescForKnownTypeIds() {
    return String.join(", ", TYPES.keySet());
  }

  @Override
  public JsonTypeInfo.Id getMechanism() {
    return JsonTypeInfo.Id.CUSTOM;
  }

  private static Map<String, Class<?>> collect() {
    Map<String, Class<?>> types = new TreeMap<>();
    Deque<Class<?>> todo = new ArrayDeque<>();
    todo.push(EngineEvent.class);
    while (!todo.isEmpty()) {
      Class<?> type = todo.pop();
      if (type.isSealed()) {
        for (Class<?> permitted : type.getPermittedSubclasses()) {
          todo.push(permitted);
        }
      } else if (types.put(type.getSimpleName(), type) != null) {
        throw new IllegalStateException("two event types named " + type.getSimpleName());
      }
    }
    return Collections.unmodifiableMap(types);
  }
}
