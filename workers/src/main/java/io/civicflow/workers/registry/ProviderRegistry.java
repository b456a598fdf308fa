package io.civicflow.workers.registry;

import java.util.List;
import java.util.Optional;

/**
 * The provider register with dynamic rating (Shanghai §4.4.3 "建立公共服务承接者资质与服务效能数据库， 引入动态评级机制";
 * DOMAIN.md §5): the providers, and per provider its evaluations, complaints and terminations; and
 * the incubation history of organisations from the station's incubation pipeline (DOMAIN.md §2).
 *
 * <p><b>Every call is idempotent by entry id:</b> recording an id that is already recorded returns
 * the recorded entry and records nothing new (a provider's id is its {@code orgId}), because jobs are delivered at least once. Entries are
 * never deleted (DOMAIN.md §6: procurement records are kept at least 15 years). Implementations
 * must be safe for concurrent use.
 */
public interface ProviderRegistry {

  /** Records {@code entry}, or returns the entry already recorded under its id. */
  EvaluationEntry recordEvaluation(EvaluationEntry entry);

  /** Records {@code entry}, or returns the entry already recorded under its id. */
  ComplaintEntry recordComplaint(ComplaintEntry entry);

  /** Records {@code entry}, or returns the entry already recorded under its id. */
  TerminationEntry recordTermination(TerminationEntry entry);

  /** The evaluations of one provider, oldest first. */
  List<EvaluationEntry> evaluationsOf(String providerOrgId);

  /** The complaints about one provider, oldest first. */
  List<ComplaintEntry> complaintsAbout(String providerOrgId);

  /** The terminated contracts of one provider, oldest first. */
  List<TerminationEntry> terminationsOf(String providerOrgId);

  /** Registers {@code provider}, or returns the provider already registered under its orgId. */
  ProviderEntry registerProvider(ProviderEntry provider);

  /** The provider registered under {@code orgId}, if any. */
  Optional<ProviderEntry> provider(String orgId);

  /** Records {@code entry}, or returns the entry already recorded under its id. */
  IncubationEntry recordIncubation(IncubationEntry entry);

  /** The incubation history of one organisation, oldest first. */
  List<IncubationEntry> incubationOf(String orgId);
}
