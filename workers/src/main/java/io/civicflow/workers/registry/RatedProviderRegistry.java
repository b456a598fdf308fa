package io.civicflow.workers.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ProviderRegistry} whose rating moves with every evaluation, upheld complaint and
 * termination (Shanghai §4.4.3 动态评级): after the entry is recorded, the provider's rating is
 * recomputed by {@link DynamicRating} and appended to its history under {@code
 * rating:<orgId>:<entryId>}. A retried job records the same entry and the same rating id, so the
 * history gets one entry per trigger; if the store fails between the two writes, the retry writes
 * the missing rating.
 */
public final class RatedProviderRegistry implements ProviderRegistry {

  private final ProviderRegistry store;

  public RatedProviderRegistry(ProviderRegistry store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public EvaluationEntry recordEvaluation(EvaluationEntry entry) {
    EvaluationEntry recorded = store.recordEvaluation(entry);
    rerate(recorded.providerOrgId(), recorded.entryId(), recorded.recordedAt());
    return recorded;
  }

  @Override
  public ComplaintEntry recordComplaint(ComplaintEntry entry) {
    ComplaintEntry recorded = store.recordComplaint(entry);
    if (recorded.upheld()) {
      rerate(recorded.providerOrgId(), recorded.entryId(), recorded.recordedAt());
    }
    return recorded;
  }

  @Override
  public TerminationEntry recordTermination(TerminationEntry entry) {
    TerminationEntry recorded = store.recordTermination(entry);
    rerate(recorded.providerOrgId(), recorded.entryId(), recorded.recordedAt());
    return recorded;
  }

  private void rerate(String providerOrgId, String trigger, Instant at) {
    if (providerOrgId == null || providerOrgId.isBlank()) {
      return;
    }
    store.recordRating(
        DynamicRating.rate(
            providerOrgId,
            store.evaluationsOf(providerOrgId),
            store.complaintsAbout(providerOrgId),
            store.terminationsOf(providerOrgId),
            trigger,
            at));
  }

  @Override
  public ProviderEntry registerProvider(ProviderEntry entry) {
    return store.registerProvider(entry);
  }

  @Override
  public Optional<ProviderEntry> provider(String orgId) {
    return store.provider(orgId);
  }

  @Override
  public RatingEntry recordRating(RatingEntry entry) {
    return store.recordRating(entry);
  }

  @Override
  public List<EvaluationEntry> evaluationsOf(String providerOrgId) {
    return store.evaluationsOf(providerOrgId);
  }

  @Override
  public List<ComplaintEntry> complaintsAbout(String providerOrgId) {
    return store.complaintsAbout(providerOrgId);
  }

  @Override
  public List<TerminationEntry> terminationsOf(String providerOrgId) {
    return store.terminationsOf(providerOrgId);
  }

  @Override
  public List<RatingEntry> ratingHistoryOf(String providerOrgId) {
    return store.ratingHistoryOf(providerOrgId);
  }
}
