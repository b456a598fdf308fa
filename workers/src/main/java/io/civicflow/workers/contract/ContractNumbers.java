package io.civicflow.workers.contract;

import io.civicflow.workers.procurement.ProcurementUnit;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic contract numbers: {@code <city>-<roundYear>-<unit>-Y<contractYear>}, e.g. {@code
 * KS-2016-ZP-Y1} for the year-1 contract of 张浦镇 in the Kunshan round of 2016.
 *
 * <ul>
 *   <li>{@code city}: 2–4 upper-case ASCII letters naming the purchasing city ({@code KS} = 昆山);
 *   <li>{@code roundYear}: the four-digit year in which the procurement round is run; contract year
 *       1 starts in its September (DOMAIN.md §1);
 *   <li>{@code unit}: the procurement unit's ASCII code, 2–4 upper-case letters;
 *   <li>{@code contractYear}: 1 or 2, because the two-year term is signed one year at a time and
 *       each year's contract has its own number (DOMAIN.md §1).
 * </ul>
 *
 * <p>The same inputs always give the same number, so a retried job cannot create a second contract.
 */
public final class ContractNumbers {

  /** The contract years of one award (DOMAIN.md §1, Kunshan §4.2: 合同期限2年，一年一签). */
  public static final int CONTRACT_YEARS = 2;

  /** The city code of Kunshan. */
  public static final String KUNSHAN = "KS";

  private static final Pattern CODE = Pattern.compile("[A-Z]{2,4}");
  private static final Pattern NUMBER =
      Pattern.compile("(?<city>[A-Z]{2,4})-(?<round>\\d{4})-(?<unit>[A-Z]{2,4})-Y(?<year>\\d)");

  /** The parts of a contract number. */
  public record Parts(String cityCode, int roundYear, String unitCode, int contractYear) {

    public Parts {
      requireCode("city code", cityCode);
      requireCode("unit code", unitCode);
      if (roundYear < 1000 || roundYear > 9999) {
        throw new IllegalArgumentException("Round year must have four digits, was " + roundYear);
      }
      if (contractYear < 1 || contractYear > CONTRACT_YEARS) {
        throw new IllegalArgumentException(
            "Contract year must be 1 or " + CONTRACT_YEARS + ", was " + contractYear);
      }
    }

    /** The contract number, e.g. {@code KS-2016-ZP-Y1}. */
    public String format() {
      return cityCode + "-" + roundYear + "-" + unitCode + "-Y" + contractYear;
    }
  }

  private ContractNumbers() {}

  /** The contract number of one unit's contract year. */
  public static String contractNo(
      String cityCode, int roundYear, String unitCode, int contractYear) {
    return new Parts(cityCode, roundYear, unitCode, contractYear).format();
  }

  /** The contract number of one Kunshan unit's contract year, e.g. {@code KS-2016-ZP-Y1}. */
  public static String kunshan(int roundYear, ProcurementUnit unit, int contractYear) {
    return contractNo(KUNSHAN, roundYear, unit.code(), contractYear);
  }

  /**
   * Splits a contract number into its parts.
   *
   * @throws IllegalArgumentException if {@code contractNo} is not in the format above
   */
  public static Parts parse(String contractNo) {
    Objects.requireNonNull(contractNo, "contractNo");
    Matcher m = NUMBER.matcher(contractNo);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Not a contract number of the form CITY-YYYY-UNIT-Yn: '" + contractNo + "'");
    }
    return new Parts(
        m.group("city"),
        Integer.parseInt(m.group("round")),
        m.group("unit"),
        Integer.parseInt(m.group("year")));
  }

  /**
   * The number of the year-2 contract signed when the year-1 contract passes its annual evaluation
   * (DOMAIN.md §1: 第一年年度评估合格的自动顺延至第二年，并续签合同).
   *
   * @throws IllegalArgumentException if {@code year1ContractNo} is not a year-1 contract number
   */
  public static String renewalOf(String year1ContractNo) {
    Parts year1 = parse(year1ContractNo);
    if (year1.contractYear() != 1) {
      throw new IllegalArgumentException(
          "Only a year-1 contract is renewed, "
              + year1ContractNo
              + " is year "
              + year1.contractYear());
    }
    return new Parts(year1.cityCode(), year1.roundYear(), year1.unitCode(), 2).format();
  }

  private static void requireCode(String what, String code) {
    Objects.requireNonNull(code, what);
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          what + " must be 2 to 4 upper-case ASCII letters, was '" + code + "'");
    }
  }
}
