package io.civicflow.workers.registry.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import io.civicflow.workers.registry.ProviderEntry;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The repository layer against a real Elasticsearch server started by the test JVM. */
@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchDocumentStoreTest {

  /** The provider mapping under an alias of its own: the registry's indices are left alone. */
  private static final IndexDefinition DEFINITION =
      new IndexDefinition("test-document-store", 2, ProviderIndex.DEFINITION.mapping());

  private static final String ALIAS = DEFINITION.alias();
  private static final String INDEX = DEFINITION.indexName();

  private final ElasticsearchTestServer server;
  private final ElasticsearchClient client;
  private final ElasticsearchIndices indices;
  private final ElasticsearchDocumentStore store;

  ElasticsearchDocumentStoreTest(ElasticsearchTestServer server) {
    this.server = server;
    this.client = server.client();
    this.indices = new ElasticsearchIndices(client);
    this.store = new ElasticsearchDocumentStore(client);
  }

  @BeforeEach
  void startFromNoIndex() throws IOException {
    client.indices().delete(d -> d.index(INDEX).ignoreUnavailable(true));
  }

  @Test
  void shouldCreateTheVersionedIndexWithAliasAndMappingOnlyOnce() throws IOException {
    // when
    boolean first = indices.ensure(DEFINITION);
    boolean second = indices.ensure(DEFINITION);

    // then
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(INDEX).isEqualTo("test-document-store-v2");
    assertThat(ProviderIndex.DEFINITION.indexName()).isEqualTo("civicflow-providers-v2");
    assertThat(client.indices().getAlias(a -> a.name(ALIAS)).result()).containsOnlyKeys(INDEX);
    TypeMapping mapping = client.indices().getMapping(m -> m.index(ALIAS)).get(INDEX).mappings();
    Map<String, Property> properties = mapping.properties();
    assertThat(properties.get("orgId").isKeyword()).isTrue();
    assertThat(properties.get("creditCode").isKeyword()).isTrue();
    assertThat(properties.get("description").text().analyzer()).isEqualTo("standard");
    assertThat(properties.get("registeredOn").isDate()).isTrue();
    assertThat(properties.get("fullTimeStaff").isLong()).isTrue();
  }

  @Test
  void shouldRejectADocumentWithAFieldTheMappingDoesNotDeclare() {
    // given
    indices.ensure(DEFINITION);

    // when / then
    assertThatThrownBy(() -> store.upsert(ALIAS, "X", Map.of("orgId", "X", "colour", "red")))
        .isInstanceOf(ElasticsearchAccessException.class)
        .hasMessageContaining("strict_dynamic_mapping_exception");
  }

  @Test
  void shouldKeepExactlyOneDocumentWhenTheSameBusinessKeyIsWrittenTwice() {
    // given
    indices.ensure(DEFINITION);
    ProviderEntry provider = provider("52320583MJ5000001X", "为社区老人提供社工服务", 12);

    // when
    boolean firstCreated = store.upsert(ALIAS, provider.orgId(), provider);
    boolean secondCreated =
        store.upsert(ALIAS, provider.orgId(), provider(provider.orgId(), "为社区老人提供社工服务", 13));
    store.refresh(ALIAS);

    // then
    assertThat(firstCreated).isTrue();
    assertThat(secondCreated).isFalse();
    assertThat(store.count(ALIAS)).isEqualTo(1);
    assertThat(store.countByTerm(ALIAS, "orgId", provider.orgId())).isEqualTo(1);
    assertThat(store.get(ALIAS, provider.orgId(), ProviderEntry.class))
        .hasValueSatisfying(stored -> assertThat(stored.fullTimeStaff()).isEqualTo(13));
    assertThat(store.searchByTerm(ALIAS, "district", "昆山市玉山镇", 10, ProviderEntry.class))
        .singleElement()
        .isEqualTo(provider(provider.orgId(), "为社区老人提供社工服务", 13));
  }

  @Test
  void shouldFindChineseTextByAChineseWord() {
    // given
    indices.ensure(DEFINITION);
    store.upsert(ALIAS, "A", provider("A", "为社区老人提供社工服务", 5));
    store.upsert(ALIAS, "B", provider("B", "开展社区工作与青少年心理辅导", 7));
    store.refresh(ALIAS);

    // when
    List<ProviderEntry> socialWork =
        store.searchByPhrase(ALIAS, "description", "社工", 10, ProviderEntry.class);
    List<ProviderEntry> community =
        store.searchByPhrase(ALIAS, "description", "社区", 10, ProviderEntry.class);

    // then: 社区工作 has 社 and 工 but not the word 社工
    assertThat(socialWork).extracting(ProviderEntry::orgId).containsExactly("A");
    assertThat(community).extracting(ProviderEntry::orgId).containsExactlyInAnyOrder("A", "B");
  }

  @Test
  void shouldFailWritesClearlyWhileStoppedAndKeepEarlierDocumentsAcrossARestart() {
    // given
    indices.ensure(DEFINITION);
    ProviderEntry before = provider("52320583MJ5000002Y", "为社区老人提供社工服务", 3);
    store.upsert(ALIAS, before.orgId(), before);

    // when
    server.stop();
    try {
      assertThatThrownBy(
              () ->
                  store.upsert(ALIAS, "52320583MJ5000003Z", provider("52320583MJ5000003Z", "-", 1)))
          .isInstanceOf(ElasticsearchAccessException.class)
          .hasMessageContaining("upsert of test-document-store/52320583MJ5000003Z failed")
          .hasMessageContaining("Connection refused");
    } finally {
      server.start();
    }

    // then
    assertThat(store.get(ALIAS, before.orgId(), ProviderEntry.class)).contains(before);
    store.refresh(ALIAS);
    assertThat(store.count(ALIAS)).isEqualTo(1);
    assertThat(store.countByTerm(ALIAS, "orgId", before.orgId())).isEqualTo(1);
  }

  private static ProviderEntry provider(String orgId, String description, int staff) {
    return new ProviderEntry(
        orgId,
        "玉山镇社会工作服务中心",
        orgId,
        "昆山市玉山镇",
        List.of("elderly-care", "youth"),
        description,
        LocalDate.of(2019, 3, 1),
        staff,
        "INCUBATION",
        Instant.parse("2019-03-01T02:00:00Z"));
  }
}
