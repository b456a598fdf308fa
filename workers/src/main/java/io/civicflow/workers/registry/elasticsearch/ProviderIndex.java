package io.civicflow.workers.registry.elasticsearch;

import static io.civicflow.workers.registry.elasticsearch.FieldType.DATE;
import static io.civicflow.workers.registry.elasticsearch.FieldType.DAY;
import static io.civicflow.workers.registry.elasticsearch.FieldType.KEYWORD;
import static io.civicflow.workers.registry.elasticsearch.FieldType.LONG;
import static io.civicflow.workers.registry.elasticsearch.FieldType.TEXT;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provider registry index (DOMAIN.md §5): one document per provider, id = its {@code orgId},
 * fields those of {@link io.civicflow.workers.registry.ProviderEntry}. Version 2 replaced the
 * groundwork version 1 (keyed by credit code) with the register's profile; evaluations, complaints,
 * terminations and ratings have their own indices ({@link RegistryIndices}).
 */
public final class ProviderIndex {

  /** The alias code reads and writes. */
  public static final String ALIAS = "civicflow-providers";

  /** {@code civicflow-providers-v2}, strict mapping. */
  public static final IndexDefinition DEFINITION = IndexDefinition.strict(ALIAS, 2, fields());

  private ProviderIndex() {}

  private static Map<String, FieldType> fields() {
    Map<String, FieldType> fields = new LinkedHashMap<>();
    fields.put("orgId", KEYWORD);
    fields.put("name", TEXT);
    fields.put("creditCode", KEYWORD);
    fields.put("district", KEYWORD);
    fields.put("serviceCategories", KEYWORD);
    fields.put("description", TEXT);
    fields.put("registeredOn", DAY);
    fields.put("fullTimeStaff", LONG);
    fields.put("source", KEYWORD);
    fields.put("recordedAt", DATE);
    return fields;
  }
}
