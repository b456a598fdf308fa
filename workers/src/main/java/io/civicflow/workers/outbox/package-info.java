/**
 * The outbox of publications and notifications: award notices, contract publications, reminders to
 * file the bimonthly report, and the like.
 *
 * <p>Serves DOMAIN.md §6: results and contracts must be published within a number of working days
 * (award notice, contract publication, acceptance results), and DOMAIN.md §1: a missing operating
 * report must be chased. Workers post a message here instead of calling a publication channel
 * directly; the message id is the idempotency key, because jobs are delivered at least once. The
 * {@link io.civicflow.workers.outbox.DeliveringOutbox} delivers each message within the same job to
 * the people it names ({@link io.civicflow.workers.outbox.RecipientDirectory}): an {@link
 * io.civicflow.workers.outbox.Inbox} entry and one mail each ({@link
 * io.civicflow.workers.outbox.Delivery}); public notices are read by the notice board ({@code
 * io.civicflow.workers.notices}).
 */
package io.civicflow.workers.outbox;
