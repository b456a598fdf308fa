/**
 * Business keys the workers make (orgId, caseNo, orderNo): short, stable hashes so that a retried
 * job makes the same key.
 */
package io.civicflow.workers.keys;
