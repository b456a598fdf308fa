package io.civicflow.workers.registry;

import java.util.List;
import java.util.Optional;

/**
 * The provider register with dynamic rating (Shanghai §4.4.3 "建立公共服务承接者资质与服务效能数据库， 引入动态评级机制";
 * DOMAIN.md §5): per provider, its profile, evaluations, complaints, terminated contracts and the
 * history of its rating. Incubation stages live in {@link IncubationRecords}.
 *
 * <p><b>Every call is idempotent by entry id:</b> recording an id that is already recorded returns
 * the recorded entry and records nothing new, because jobs are delivered at least once (and a
 * retried job derives the same id and carries the same {@code now}). A profile is the one
 * exception: {@link #registerProvider} replaces the profile kept under the same {@code orgId},
 * which is just as idempotent. Nothing is ever deleted (DOMAIN.md §6: procurement records are kept
 * at least 15 years). Implementations must be safe for concurrent use; an implementation that
 * cannot reach its store throws, so that the job fails and is retried — it never returns without
 * writing.
 */
public interface ProviderRegistry {

  /** Creates or replaces the profile kept under {@code entry.orgId()}; returns it. */
  ProviderEntry registerProvider(ProviderEntry entry);

  /** The profile of one provider, if registered. */
  Optional<ProviderEntry> provider(String orgId);

  /** Records {@code entry}, or returns the entry already recorded under its id. */
  EvaluationEntry recordEvaluation(EvaluationEntry entry);

  /** Records {@code entry}, or returns the entry already recorded under its id. */
  ComplaintEntry recordComplaint(ComplaintEntry entry);

  /** Records {@code entry}, or returns the entry already recorded under its id. */
  TerminationEntry recordTermination(TerminationEntry entry);

  /** Records {@code entry} in the rating history, or returns the one recorded under its id. */
  RatingEntry recordRating(RatingEntry entry);

  /** The evaluations of one provider, oldest first. */
  List<EvaluationEntry> evaluationsOf(String providerOrgId);

  /** The complaints about one provider, oldest first. */
  List<ComplaintEntry> complaintsAbout(String providerOrgId);

  /** The terminated contracts of one provider, oldest first. */
  List<TerminationEntry> terminationsOf(String providerOrgId);

  /** The rating history of one provider, oldest first; the last is the current rating. */
  List<RatingEntry> ratingHistoryOf(String providerOrgId);

  /** The current rating of one provider: the last of its history; empty if never rated. */
  default Optional<RatingEntry> currentRating(String providerOrgId) {
    List<RatingEntry> history = ratingHistoryOf(providerOrgId);
    return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
  }
}
