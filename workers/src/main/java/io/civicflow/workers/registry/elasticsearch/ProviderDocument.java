package io.civicflow.workers.registry.elasticsearch;

import java.time.LocalDate;
import java.util.List;

/**
 * A provider in the registry index ({@link ProviderIndex}); field names are the mapping's.
 *
 * @param creditCode unified social credit code (统一社会信用代码): the business key and document id
 * @param name registered name, searchable by Chinese words; {@code name.raw} for exact match
 * @param district district or town, e.g. 昆山市玉山镇
 * @param serviceCategories service catalogue categories the provider is qualified for
 * @param description what the provider does, searchable by Chinese words
 * @param registeredOn date of registration with the civil affairs bureau
 * @param staffCount full-time staff
 */
public record ProviderDocument(
    String creditCode,
    String name,
    String district,
    List<String> serviceCategories,
    String description,
    LocalDate registeredOn,
    long staffCount) {}
