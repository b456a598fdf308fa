package io.civicflow.workers.contract;

import io.civicflow.workers.payment.PaymentLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Closes a contract after its final evaluation (DOMAIN.md §1 step 8, "the payments of a unit add up
 * to its contract value exactly"): each contract year is a contract of its own number (一年一签), and
 * everything paid under each number must equal the awarded annual price, to the fen. A difference
 * is a bookkeeping fault an official must resolve, so it is refused with an exception (an
 * incident), never passed over.
 */
public final class ContractClosing {

  private final PaymentLedger ledger;

  public ContractClosing(PaymentLedger ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /** The numbers of a contract's years: year 1's, then {@link ContractNumbers#renewalOf}'s. */
  public static List<String> yearNumbers(String year1ContractNo, int contractYears) {
    List<String> numbers = new ArrayList<>(List.of(year1ContractNo));
    if (contractYears > 1) {
      numbers.add(ContractNumbers.renewalOf(year1ContractNo));
    }
    return List.copyOf(numbers);
  }

  /** Everything paid under all of the contract's year numbers, in fen. */
  public long totalPaid(String year1ContractNo, int contractYears) {
    long paid = 0;
    for (String number : yearNumbers(year1ContractNo, contractYears)) {
      paid = Math.addExact(paid, ledger.totalPaid(number));
    }
    return paid;
  }

  /**
   * @param contractValueFen the awarded annual price
   * @return the total paid over all years, in fen
   * @throws IllegalStateException if a year's payments differ from {@code contractValueFen}
   */
  public long close(String year1ContractNo, long contractValueFen, int contractYears) {
    long total = 0;
    for (String number : yearNumbers(year1ContractNo, contractYears)) {
      long paid = ledger.totalPaid(number);
      if (paid != contractValueFen) {
        throw new IllegalStateException(
            "Contract "
                + number
                + " cannot close: paid "
                + paid
                + " fen, the contract year is worth "
                + contractValueFen
                + " fen; payments: "
                + ledger.paymentsOf(number));
      }
      total = Math.addExact(total, paid);
    }
    return total;
  }
}
