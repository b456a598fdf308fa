package io.civicflow.workers.registry.elasticsearch;

import co.elastic.clients.elasticsearch._types.mapping.Property;

/**
 * The field types the registry's explicit mappings use. Chinese text uses the {@code standard}
 * analyzer (the minimal distribution has no {@code cjk} or {@code smartcn}): every Chinese
 * character is a token, so a phrase query for {@code 社工} finds {@code 提供社工服务}; each text field also
 * has a {@code raw} keyword sub-field for exact match, sorting and aggregations.
 */
public enum FieldType {
  /** Exact values: ids, business keys, codes, enum names, districts. */
  KEYWORD,
  /** Chinese or mixed free text, searchable by words, with {@code <field>.raw} as keyword. */
  TEXT,
  /** An instant, ISO-8601 ({@code 2016-08-31T02:00:00Z}). */
  DATE,
  /** A calendar day, {@code yyyy-MM-dd}. */
  DAY,
  /** Whole numbers: money in fen, counts, years. */
  LONG,
  /**
   * Decimals: scores and ratings. Indexed as {@code double} (the minimal distribution has no {@code
   * scaled_float}); the document source keeps the exact decimal the record wrote.
   */
  DECIMAL,
  BOOLEAN,
  /**
   * A list of documents in the document store ({@code documents.DocumentFile}): id, store and
   * content hash as keywords, the file name as text, content type and size.
   */
  DOCUMENTS,
  /** An object kept in the source as written, not indexed: a publication's named fields. */
  STORED;

  static final String TEXT_ANALYZER = "standard";

  Property property() {
    return switch (this) {
      case KEYWORD -> Property.of(p -> p.keyword(k -> k));
      case TEXT ->
          Property.of(
              p ->
                  p.text(
                      t ->
                          t.analyzer(TEXT_ANALYZER)
                              .fields("raw", f -> f.keyword(k -> k.ignoreAbove(1024)))));
      case DATE -> Property.of(p -> p.date(d -> d.format("strict_date_optional_time")));
      case DAY -> Property.of(p -> p.date(d -> d.format("strict_date")));
      case LONG -> Property.of(p -> p.long_(l -> l));
      case DECIMAL -> Property.of(p -> p.double_(d -> d));
      case BOOLEAN -> Property.of(p -> p.boolean_(b -> b));
      case DOCUMENTS ->
          Property.of(
              p ->
                  p.object(
                      o ->
                          o.properties("documentId", KEYWORD.property())
                              .properties("storeId", KEYWORD.property())
                              .properties("contentHash", KEYWORD.property())
                              .properties("fileName", TEXT.property())
                              .properties("contentType", KEYWORD.property())
                              .properties("size", LONG.property())));
      case STORED -> Property.of(p -> p.object(o -> o.enabled(false)));
    };
  }
}
