/**
 * Payment tranches, budget checks and an idempotent payment ledger.
 *
 * <p>Serves DOMAIN.md §1 "The procurement lifecycle": contracts are signed one year at a time and
 * each contract year is paid in tranches whose proportions are stated in the contract, released
 * only on a passed evaluation (Kunshan §5.2); the budget is checked before award and before each
 * payment (800,000 CNY per unit per year plus an evaluation pool of 400,000 CNY per year in
 * Kunshan, §5.1). DOMAIN.md §6 "Tranches" lists the common splits (30/40/30, 50/30/20, 40/30/30),
 * which are contract data here, never constants.
 *
 * <p>Money is {@code long} fen (1 CNY = 100 fen) throughout. Jobs are delivered at least once, so
 * {@link io.civicflow.workers.payment.PaymentLedger} is idempotent by a deterministic {@link
 * io.civicflow.workers.payment.PaymentId}.
 */
package io.civicflow.workers.payment;
