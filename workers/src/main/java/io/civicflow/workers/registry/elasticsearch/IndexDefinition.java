package io.civicflow.workers.registry.elasticsearch;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A versioned index with an explicit mapping, reached through an alias: the physical index is
 * {@code <alias>-v<version>} (e.g. {@code civicflow-providers-v1}), code reads and writes only the
 * alias. An incompatible mapping change is a new version (a new index, documents reindexed, the
 * alias moved), never an edit of the old index.
 *
 * @param alias the name code uses, e.g. {@code civicflow-providers}
 * @param version the mapping version, from 1
 * @param mapping the explicit mapping; {@code dynamic: strict} recommended
 */
public record IndexDefinition(String alias, int version, TypeMapping mapping) {

  public IndexDefinition {
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(mapping, "mapping");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1: " + version);
    }
  }

  /**
   * A definition with a strict mapping of {@code fields} (name to type, in order): a document with
   * a field not listed is rejected rather than silently mapped.
   */
  public static IndexDefinition strict(String alias, int version, Map<String, FieldType> fields) {
    Map<String, FieldType> ordered = new LinkedHashMap<>(fields);
    return new IndexDefinition(
        alias,
        version,
        TypeMapping.of(
            m -> {
              m.dynamic(DynamicMapping.Strict);
              ordered.forEach((name, type) -> m.properties(name, type.property()));
              return m;
            }));
  }

  /** The physical index behind the alias. */
  public String indexName() {
    return alias + "-v" + version;
  }
}
