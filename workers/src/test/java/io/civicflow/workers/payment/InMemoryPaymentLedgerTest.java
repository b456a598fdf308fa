package io.civicflow.workers.payment;

import java.time.InstantSource;

class InMemoryPaymentLedgerTest extends PaymentLedgerContractTest {

  @Override
  protected PaymentLedger newLedger(InstantSource clock) {
    return new InMemoryPaymentLedger(clock);
  }
}
