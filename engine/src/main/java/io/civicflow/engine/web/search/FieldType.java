package io.civicflow.engine.web.search;

/**
 * How a searchable field's values are compared. Record values and filter operands are both
 * normalised to the same Java type: {@code String} for {@link #STRING} (also enums), {@code Long}
 * for {@link #KEY}, {@link #INTEGER} and {@link #DATE} (epoch milliseconds), {@code Boolean} for
 * {@link #BOOLEAN}.
 */
public enum FieldType {
  /** Camunda's StringFilterProperty (and enum filters): $eq, $neq, $exists, $in, $notIn, $like. */
  STRING,
  /** A key, sent as a numeric string (BasicStringFilterProperty): no $like. */
  KEY,
  /** IntegerFilterProperty: also $gt, $gte, $lt, $lte. */
  INTEGER,
  /** DateTimeFilterProperty: ISO-8601 operands, compared as instants; also ranges. */
  DATE,
  /** A plain boolean (or $eq/$neq/$exists). */
  BOOLEAN
}
