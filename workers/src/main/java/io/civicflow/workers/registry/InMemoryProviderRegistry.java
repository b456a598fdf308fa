package io.civicflow.workers.registry;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ProviderRegistry} held in memory, for tests and the embedded demo. Thread-safe. */
public final class InMemoryProviderRegistry implements ProviderRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryProviderRegistry.class);

  private final ConcurrentMap<String, EvaluationEntry> evaluations = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ComplaintEntry> complaints = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, TerminationEntry> terminations = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ProviderEntry> providers = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, IncubationEntry> incubation = new ConcurrentHashMap<>();

  @Override
  public EvaluationEntry recordEvaluation(EvaluationEntry entry) {
    return putOnce(evaluations, entry.entryId(), entry);
  }

  @Override
  public ComplaintEntry recordComplaint(ComplaintEntry entry) {
    return putOnce(complaints, entry.entryId(), entry);
  }

  @Override
  public TerminationEntry recordTermination(TerminationEntry entry) {
    return putOnce(terminations, entry.entryId(), entry);
  }

  @Override
  public List<EvaluationEntry> evaluationsOf(String providerOrgId) {
    return of(
        evaluations, providerOrgId, EvaluationEntry::providerOrgId, EvaluationEntry::recordedAt);
  }

  @Override
  public List<ComplaintEntry> complaintsAbout(String providerOrgId) {
    return of(complaints, providerOrgId, ComplaintEntry::providerOrgId, ComplaintEntry::recordedAt);
  }

  @Override
  public List<TerminationEntry> terminationsOf(String providerOrgId) {
    return of(
        terminations, providerOrgId, TerminationEntry::providerOrgId, TerminationEntry::recordedAt);
  }

  @Override
  public ProviderEntry registerProvider(ProviderEntry provider) {
    return putOnce(providers, provider.orgId(), provider);
  }

  @Override
  public Optional<ProviderEntry> provider(String orgId) {
    return Optional.ofNullable(providers.get(orgId));
  }

  @Override
  public IncubationEntry recordIncubation(IncubationEntry entry) {
    return putOnce(incubation, entry.entryId(), entry);
  }

  @Override
  public List<IncubationEntry> incubationOf(String orgId) {
    return of(incubation, orgId, IncubationEntry::orgId, IncubationEntry::recordedAt);
  }

  private static <T> T putOnce(ConcurrentMap<String, T> entries, String id, T entry) {
    T existing = entries.putIfAbsent(id, entry);
    if (existing == null) {
      LOG.info("Registry: recorded {}", id);
      return entry;
    }
    LOG.debug("Registry: {} already recorded", id);
    return existing;
  }

  private static <T> List<T> of(
      ConcurrentMap<String, T> entries,
      String providerOrgId,
      Function<T, String> provider,
      Function<T, Instant> recordedAt) {
    return entries.values().stream()
        .filter(entry -> providerOrgId.equals(provider.apply(entry)))
        .sorted(Comparator.comparing(recordedAt))
        .toList();
  }
}
