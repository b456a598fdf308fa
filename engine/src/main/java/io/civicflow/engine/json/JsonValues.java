package io.civicflow.engine.json;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Which values the engine stores: exactly those the journal writes and reads back unchanged, and
 * every API answer can carry. Checked where values enter (the command door, FEEL and DMN results),
 * so the journal writer never meets a value it cannot write. What cannot round-trip, and why:
 *
 * <ul>
 *   <li><b>numbers written out longer than {@value #MAX_NUMBER_CHARS} characters</b>: the journal
 *       writes decimals plain ({@code 1e3} as {@code 1000}, so money keeps its scale); Jackson
 *       refuses to write a plain decimal whose scale is beyond ±9999 ({@code 1e100000} stopped the
 *       journal writer), and its readers refuse a number of more than 1000 characters ({@code
 *       1e1000} would be written but could never be read back);
 *   <li><b>NaN and infinite doubles</b>: not JSON numbers (Jackson writes them as strings);
 *   <li><b>nesting deeper than {@value #MAX_DEPTH} levels</b>: Jackson reads and writes at most
 *       1000 levels per document, and a value sits inside the journal record, the snapshot and
 *       every API answer that carries it, a few levels down;
 *   <li><b>lone surrogates</b> in strings or keys (half of a UTF-16 pair): not Unicode text; the
 *       gRPC gateway's UTF-8 strings cannot carry them;
 *   <li><b>object keys longer than {@value #MAX_KEY_CHARS} characters</b>: Jackson's readers refuse
 *       them;
 *   <li>anything that is not a JSON value (maps with string keys, lists, strings, numbers,
 *       booleans, null).
 * </ul>
 */
public final class JsonValues {

  /** The deepest nesting of objects and arrays in a variables document. */
  public static final int MAX_DEPTH = 500;

  /** The longest number, written out in full (sign, digits and decimal point). */
  public static final int MAX_NUMBER_CHARS = 1000;

  /** The longest object key (Jackson's default limit for names). */
  public static final int MAX_KEY_CHARS = 50_000;

  private JsonValues() {}

  /**
   * Why a value cannot be stored, or {@code null} when it can.
   *
   * @param name how the message names the value, e.g. {@code variable 'order'}
   */
  public static String problem(String name, Object value) {
    return problem(name, value, 1);
  }

  /** Why a variables document (top-level names to values) cannot be stored, or null. */
  public static String documentProblem(Map<String, ?> variables) {
    if (variables == null) {
      return null;
    }
    for (Map.Entry<String, ?> entry : variables.entrySet()) {
      String key = entry.getKey();
      String keyProblem = keyProblem(key);
      if (keyProblem != null) {
        return "the variable name " + keyProblem;
      }
      String problem = problem("variable '" + abbreviate(key) + "'", entry.getValue(), 2);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /**
   * @throws UnstorableValueException with the reason when the value cannot be stored
   */
  public static void requireStorable(String name, Object value) {
    String problem = problem(name, value);
    if (problem != null) {
      throw new UnstorableValueException(problem);
    }
  }

  /**
   * The size of a storable value as journal JSON (UTF-8 bytes), counted while writing it and
   * stopping as soon as it exceeds {@code limit} (then any number above the limit is answered).
   */
  public static long storedSize(Object value, long limit) {
    Counter counter = new Counter(limit);
    try {
      Json.MAPPER.writeValue(counter, value);
    } catch (Counter.LimitReached reached) {
      return counter.count;
    } catch (IOException e) {
      if (e.getCause() instanceof Counter.LimitReached || counter.count > limit) {
        return counter.count;
      }
      throw new UnstorableValueException("not a JSON value: " + e.getMessage());
    }
    return counter.count;
  }

  private static String problem(String name, Object value, int depth) {
    if (value == null || value instanceof Boolean) {
      return null;
    }
    if (value instanceof String s) {
      return surrogateProblem(name, s);
    }
    if (value instanceof Number number) {
      return numberProblem(name, number);
    }
    if (value instanceof Map<?, ?> map) {
      if (depth > MAX_DEPTH) {
        return tooDeep(name);
      }
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          return name + " has a key that is not a string (" + typeOf(entry.getKey()) + ")";
        }
        String keyProblem = keyProblem(key);
        if (keyProblem != null) {
          return name + " has a key that " + keyProblem;
        }
        String problem = problem(name, entry.getValue(), depth + 1);
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    if (value instanceof List<?> list) {
      if (depth > MAX_DEPTH) {
        return tooDeep(name);
      }
      for (Object item : list) {
        String problem = problem(name, item, depth + 1);
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }
    return name + " is not a JSON value (" + typeOf(value) + ")";
  }

  private static String tooDeep(String name) {
    return name + " is nested deeper than " + MAX_DEPTH + " levels";
  }

  private static String keyProblem(String key) {
    if (key.length() > MAX_KEY_CHARS) {
      return "is longer than " + MAX_KEY_CHARS + " characters";
    }
    int lone = loneSurrogate(key);
    return lone < 0 ? null : "contains a lone surrogate (\\u" + hex(key.charAt(lone)) + ")";
  }

  private static String surrogateProblem(String name, String text) {
    int lone = loneSurrogate(text);
    return lone < 0
        ? null
        : name
            + " contains a lone surrogate (\\u"
            + hex(text.charAt(lone))
            + " at index "
            + lone
            + "), which is not Unicode text";
  }

  /** The index of the first half of a UTF-16 surrogate pair without its other half, or -1. */
  static int loneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static String numberProblem(String name, Number number) {
    if (number instanceof Integer
        || number instanceof Long
        || number instanceof Short
        || number instanceof Byte) {
      return null;
    }
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      return Double.isFinite(d) ? null : name + " is " + d + ", which is not a JSON number";
    }
    if (number instanceof BigDecimal decimal) {
      long chars = plainLength(decimal);
      return chars <= MAX_NUMBER_CHARS ? null : tooLong(name, decimal.toString(), chars);
    }
    if (number instanceof BigInteger integer) {
      // 3,320 bits are at most 1,000 decimal digits
      if (integer.bitLength() < 3320) {
        return null;
      }
      long chars = integer.toString().length();
      return chars <= MAX_NUMBER_CHARS ? null : tooLong(name, "a whole number", chars);
    }
    return name + " is not a JSON value (" + typeOf(number) + ")";
  }

  private static String tooLong(String name, String number, long chars) {
    return name
        + " is the number "
        + abbreviate(number)
        + ", which is "
        + chars
        + " characters long written out; at most "
        + MAX_NUMBER_CHARS
        + " can be stored";
  }

  /** The length of {@link BigDecimal#toPlainString()}, without building it. */
  static long plainLength(BigDecimal decimal) {
    long digits = decimal.precision();
    long scale = decimal.scale();
    long sign = decimal.signum() < 0 ? 1 : 0;
    if (scale <= 0) {
      return sign + digits - scale;
    }
    if (scale >= digits) {
      return sign + 2 + scale; // "0." and the fraction
    }
    return sign + digits + 1;
  }

  private static String typeOf(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  private static String hex(char c) {
    return String.format("%04x", (int) c);
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  /** Counts bytes and stops the writer once past the limit. */
  private static final class Counter extends OutputStream {
    private final long limit;
    private long count;

    Counter(long limit) {
      this.limit = limit;
    }

    @Override
    public void write(int b) {
      add(1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      add(len);
    }

    private void add(long n) {
      count += n;
      if (count > limit) {
        throw new LimitReached();
      }
    }

    static final class LimitReached extends RuntimeException {
      LimitReached() {
        super(null, null, false, false);
      }
    }
  }

  /** A value the engine cannot store; the message says which and why. */
  public static final class UnstorableValueException extends IllegalArgumentException {
    public UnstorableValueException(String message) {
      super(message);
    }
  }
}
