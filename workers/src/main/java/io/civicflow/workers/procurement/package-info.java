/**
 * Procurement units (采购单元) of a procurement round.
 *
 * <p>Serves DOMAIN.md §1: one round is run by the civil affairs bureau for many units, and each
 * unit gets one contract. {@link io.civicflow.workers.procurement.KunshanUnits} lists the 15 units
 * of the Kunshan plan (昆政办发〔2016〕125号 §2.1: 3 zones, 8 towns, 4 urban areas).
 */
package io.civicflow.workers.procurement;
