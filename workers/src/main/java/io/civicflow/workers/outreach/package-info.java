/**
 * Outreach (外展走访; Taicang, seed 002: "驻站社工同步开展外展服务，在走访中自主发现服务需求"; DOMAIN.md §4): the workers of
 * {@code resident-outreach.bpmn}. A resident of one of the 16 kinds is put on the roster of the
 * resident social worker who covers their community ({@code civicflow.stations}); the {@code
 * outreach-visit-schedule} decision says how often they are visited (12 kinds regularly, 4
 * temporarily); each visit is recorded with its findings, and a finding can open a case or raise a
 * service request.
 */
package io.civicflow.workers.outreach;
