package io.civicflow.workers.procurement;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A procurement unit (采购单元): one district that gets one contract in a round.
 *
 * @param code a short ASCII code, 2–4 upper-case letters, used in contract numbers (e.g. {@code
 *     ZP})
 * @param name the official Chinese name (e.g. 张浦镇)
 * @param kind zone, town or urban area
 */
public record ProcurementUnit(String code, String name, UnitKind kind) {

  private static final Pattern CODE = Pattern.compile("[A-Z]{2,4}");

  public ProcurementUnit {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "Unit code must be 2 to 4 upper-case ASCII letters, was '" + code + "'");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("Unit " + code + " has no name");
    }
  }
}
