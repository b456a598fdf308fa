package io.civicflow.workers.registry.elasticsearch;

import static io.civicflow.workers.registry.elasticsearch.ElasticsearchDocumentStore.term;

import io.civicflow.workers.registry.ComplaintEntry;
import io.civicflow.workers.registry.EvaluationEntry;
import io.civicflow.workers.registry.ProviderEntry;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.registry.RatingEntry;
import io.civicflow.workers.registry.TerminationEntry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ProviderRegistry} in Elasticsearch: profiles in {@link RegistryIndices#PROVIDERS} (id
 * = orgId, replaced on re-registration), evaluations, complaints, terminations and the rating
 * history each in their own index, id = entry id, created only if absent.
 */
public final class ElasticsearchProviderRegistry implements ProviderRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchProviderRegistry.class);
  private static final String BY_PROVIDER = "providerOrgId";

  private final ElasticsearchDocumentStore store;

  public ElasticsearchProviderRegistry(ElasticsearchDocumentStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public ProviderEntry registerProvider(ProviderEntry entry) {
    store.upsert(RegistryIndices.PROVIDERS.alias(), entry.orgId(), entry);
    LOG.info("Registry: provider {} ({})", entry.orgId(), entry.name());
    return entry;
  }

  @Override
  public Optional<ProviderEntry> provider(String orgId) {
    return store.get(RegistryIndices.PROVIDERS.alias(), orgId, ProviderEntry.class);
  }

  @Override
  public EvaluationEntry recordEvaluation(EvaluationEntry entry) {
    return once(RegistryIndices.EVALUATIONS, entry.entryId(), entry, EvaluationEntry.class);
  }

  @Override
  public ComplaintEntry recordComplaint(ComplaintEntry entry) {
    return once(RegistryIndices.COMPLAINTS, entry.entryId(), entry, ComplaintEntry.class);
  }

  @Override
  public TerminationEntry recordTermination(TerminationEntry entry) {
    return once(RegistryIndices.TERMINATIONS, entry.entryId(), entry, TerminationEntry.class);
  }

  @Override
  public RatingEntry recordRating(RatingEntry entry) {
    return once(RegistryIndices.RATINGS, entry.entryId(), entry, RatingEntry.class);
  }

  @Override
  public List<EvaluationEntry> evaluationsOf(String providerOrgId) {
    return of(RegistryIndices.EVALUATIONS, providerOrgId, "recordedAt", EvaluationEntry.class);
  }

  @Override
  public List<ComplaintEntry> complaintsAbout(String providerOrgId) {
    return of(RegistryIndices.COMPLAINTS, providerOrgId, "recordedAt", ComplaintEntry.class);
  }

  @Override
  public List<TerminationEntry> terminationsOf(String providerOrgId) {
    return of(RegistryIndices.TERMINATIONS, providerOrgId, "recordedAt", TerminationEntry.class);
  }

  @Override
  public List<RatingEntry> ratingHistoryOf(String providerOrgId) {
    return of(RegistryIndices.RATINGS, providerOrgId, "computedAt", RatingEntry.class);
  }

  private <T> T once(IndexDefinition index, String id, T entry, Class<T> type) {
    ElasticsearchDocumentStore.Stored<T> stored = store.createOnce(index.alias(), id, entry, type);
    if (stored.created()) {
      LOG.info("Registry: recorded {}", id);
    } else {
      LOG.debug("Registry: {} already recorded", id);
    }
    return stored.document();
  }

  private <T> List<T> of(IndexDefinition index, String providerOrgId, String at, Class<T> type) {
    return store.searchSorted(
        index.alias(), term(BY_PROVIDER, providerOrgId), List.of(at, "entryId"), type);
  }
}
