package io.civicflow.workers.payment;

import java.math.BigDecimal;

/**
 * Conversion of the yuan amounts that forms give into the {@code long} fen that the domain counts
 * in (1 CNY = 100 fen). Never {@code double}: a form's {@code 800000.10} must become exactly {@code
 * 80000010} fen.
 */
public final class Money {

  private static final BigDecimal FEN_PER_YUAN = BigDecimal.valueOf(100);

  private Money() {}

  /**
   * The fen of {@code yuan}, exactly.
   *
   * @throws IllegalArgumentException if {@code yuan} is negative or has fractions of a fen
   * @throws ArithmeticException if the amount does not fit a {@code long}
   */
  public static long fenOf(BigDecimal yuan) {
    if (yuan == null) {
      throw new IllegalArgumentException("Amount in yuan is missing");
    }
    if (yuan.signum() < 0) {
      throw new IllegalArgumentException("Amount must not be negative, was " + yuan + " CNY");
    }
    BigDecimal fen = yuan.multiply(FEN_PER_YUAN);
    try {
      return fen.longValueExact();
    } catch (ArithmeticException e) {
      if (fen.stripTrailingZeros().scale() > 0) {
        throw new IllegalArgumentException(
            "Amount " + yuan.toPlainString() + " CNY has fractions of a fen", e);
      }
      throw e;
    }
  }

  /** Like {@link #fenOf(BigDecimal)}, with {@code defaultYuan} when {@code yuan} is absent. */
  public static long fenOf(BigDecimal yuan, long defaultYuan) {
    return fenOf(yuan == null ? BigDecimal.valueOf(defaultYuan) : yuan);
  }
}
