package io.civicflow.workers.registry.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Elasticsearch server: {@code @ExtendWith(ElasticsearchExtension.class)}, then
 * take an {@link ElasticsearchTestServer} or an {@link ElasticsearchClient} as a parameter of a
 * test, lifecycle method or constructor.
 *
 * <p>One server per test JVM ({@link ElasticsearchTestServer#shared()}), started by the first test
 * class that needs it and shared by all the others, the process tests' Spring context included;
 * JUnit stops it and deletes its data when the run ends.
 */
public final class ElasticsearchExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ElasticsearchExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ElasticsearchTestServer.class || type == ElasticsearchClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ElasticsearchTestServer server = server(context);
    return parameter.getParameter().getType() == ElasticsearchClient.class
        ? server.client()
        : server;
  }

  private static ElasticsearchTestServer server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            ElasticsearchTestServer.class,
            key -> ElasticsearchTestServer.shared(),
            ElasticsearchTestServer.class);
  }
}
