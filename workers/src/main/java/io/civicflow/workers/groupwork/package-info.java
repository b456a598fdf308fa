/**
 * Group work (小组工作) at the station's 邻里生活馆 (Taicang, seed 002: "通过个案和小组服务方式为区域内有需要的个人和群体提供服务";
 * DOMAIN.md §3): the workers of {@code group-work.bpmn}. A group's plan (goals, members, sessions)
 * is approved by the station head; its sessions run on their dates with attendance; the worker
 * evaluates, the station's supervisor reviews, the station head closes. Every step is written to
 * the group record ({@link io.civicflow.workers.registry.GroupRecords}) with its district.
 */
package io.civicflow.workers.groupwork;
