/**
 * The public notice board: the procurement notices CivicFlow publishes (采购公告, 更正公告, 成交结果公告, 合同公告,
 * 终止公告, 验收结果公告), read from the outbox's public messages, served without login as Chinese HTML pages
 * with stable addresses and an Atom feed (DOMAIN.md §6: results and contracts are published within
 * their legal deadlines). Only the fields of {@link io.civicflow.workers.notices.PublicNotice} ever
 * leave: nothing addressed to a person, nothing confidential.
 */
package io.civicflow.workers.notices;
