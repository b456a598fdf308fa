package io.civicflow.workers.registry.elasticsearch;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;

/**
 * The provider registry index (DOMAIN.md §5): one document per service provider, id = its unified
 * social credit code. Version 1 is groundwork: the fields of {@link ProviderDocument}; the registry
 * work adds qualifications, contracts, evaluations and the rating in a later version.
 */
public final class ProviderIndex {

  /** The alias code reads and writes. */
  public static final String ALIAS = "civicflow-providers";

  /** {@code civicflow-providers-v1}, strict mapping. */
  public static final IndexDefinition DEFINITION = new IndexDefinition(ALIAS, 1, mapping());

  private static final String TEXT_ANALYZER = "standard";

  private ProviderIndex() {}

  private static TypeMapping mapping() {
    return TypeMapping.of(
        m ->
            m.dynamic(DynamicMapping.Strict)
                .properties("creditCode", p -> p.keyword(k -> k))
                .properties(
                    "name",
                    p ->
                        p.text(
                            t ->
                                t.analyzer(TEXT_ANALYZER)
                                    .fields("raw", f -> f.keyword(k -> k.ignoreAbove(256)))))
                .properties("district", p -> p.keyword(k -> k))
                .properties("serviceCategories", p -> p.keyword(k -> k))
                .properties("description", p -> p.text(t -> t.analyzer(TEXT_ANALYZER)))
                .properties("registeredOn", p -> p.date(d -> d.format("strict_date")))
                .properties("staffCount", p -> p.long_(l -> l)));
  }
}
