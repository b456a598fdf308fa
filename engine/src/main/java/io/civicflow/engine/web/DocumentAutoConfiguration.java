package io.civicflow.engine.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.engine.access.EngineAccess;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.document.DocumentStore;
import io.civicflow.engine.web.v2.DocumentController;
import jakarta.servlet.MultipartConfigElement;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The document API ({@code /v2/documents}) of the embedded engine, on a {@link DocumentStore} in
 * {@code civicflow.engine.documents.directory} (default {@code <data-dir>/documents}). Off with
 * {@code civicflow.engine.documents.enabled=false}.
 */
@AutoConfiguration(after = EngineAutoConfiguration.class)
@ConditionalOnBean({EngineApi.class, EngineProperties.class})
@ConditionalOnProperty(
    prefix = "civicflow.engine.documents",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(DocumentProperties.class)
public class DocumentAutoConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(DocumentAutoConfiguration.class);

  @Bean
  DocumentStore civicflowDocumentStore(
      DocumentProperties documents, EngineProperties engine, EngineApi api) {
    Path directory =
        documents.directory() != null
            ? documents.directory()
            : engine.dataDir().resolve("documents");
    DocumentStore store =
        new DocumentStore(
            directory,
            documents.maxFileSize().toBytes(),
            documents.contentTypes(),
            () -> api.clock().epochMilli());
    LOG.info(
        "Documents are kept in {} (at most {} per file, {} per request)",
        store.directory(),
        documents.maxFileSize(),
        documents.maxRequestSize());
    return store;
  }

  /**
   * The document endpoints as a servlet of their own, with their own multipart limits (the rest of
   * the REST API keeps its small request limit).
   */
  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  ServletRegistrationBean<DocumentController> civicflowDocumentServlet(
      DocumentStore store, DocumentProperties documents, EngineAccess access) {
    ServletRegistrationBean<DocumentController> registration =
        new ServletRegistrationBean<>(
            new DocumentController(
                store, new ObjectMapper(), documents.defaultLinkTimeToLive(), access),
            DocumentController.DOCUMENTS_PATH + "/*",
            DocumentController.LINKS_PATH + "/*");
    registration.setName("civicflowDocuments");
    registration.setMultipartConfig(
        new MultipartConfigElement(
            store.uploadDirectory().toString(),
            documents.maxFileSize().toBytes(),
            documents.maxRequestSize().toBytes(),
            1024 * 1024));
    return registration;
  }

  private static final String MAX_PART_HEADER_SIZE = "server.tomcat.max-part-header-size";

  /**
   * The batch upload carries each file's metadata (file name, custom properties) in a part header
   * ({@code X-Document-Metadata}); Tomcat refuses part headers over 512 bytes by default. Unless
   * {@code server.tomcat.max-part-header-size} is set, 16 KB.
   */
  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "org.apache.catalina.connector.Connector")
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> civicflowDocumentPartHeaderSize(
      Environment environment) {
    return factory -> {
      if (!environment.containsProperty(MAX_PART_HEADER_SIZE)) {
        factory.addConnectorCustomizers(connector -> connector.setMaxPartHeaderSize(16 * 1024));
      }
    };
  }
}
