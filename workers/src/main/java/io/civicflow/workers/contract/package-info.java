/**
 * Contract numbers.
 *
 * <p>Serves DOMAIN.md §1: each procurement unit gets one contract, signed one contract year at a
 * time, and {@code contractNo} is the correlation key of the contract and payment processes
 * (DOMAIN.md §6 "Correlation keys"). Numbers are derived, never drawn from a counter, so a retried
 * job derives the same number.
 */
package io.civicflow.workers.contract;
