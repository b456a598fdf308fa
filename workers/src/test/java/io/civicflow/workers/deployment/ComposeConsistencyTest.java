package io.civicflow.workers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml}, the application's {@code camunda} profile ({@code
 * application-camunda.yaml}) and the {@code Dockerfile} describe one deployment and must not drift
 * apart: the profile's defaults are what compose gives the application container, every address it
 * points at is a service listening on that port, the application logs in as a user Camunda creates
 * and uses the Elasticsearch Camunda uses, and the pinned images are the versions the build and the
 * tests use.
 */
class ComposeConsistencyTest {

  private static final String APP = "civicflow";
  private static final String CAMUNDA = "camunda";
  private static final String ELASTICSEARCH = "elasticsearch";
  private static final String CAMUNDA_CONFIG_TARGET = "/usr/local/camunda/config/application.yaml";

  /** {@code ${NAME:default}} in a Spring property value. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+):([^}]*)}");

  private static Path root;
  private static Map<String, Object> compose;
  private static Map<String, Object> profile;
  private static Map<String, Object> camundaConfig;
  private static String dockerfile;

  @BeforeAll
  static void readFiles() throws IOException {
    root = RepositoryFiles.requireRoot();
    compose = yaml(read("docker-compose.yml"));
    profile = yaml(read("workers/src/main/resources/application-camunda.yaml"));
    dockerfile = read("Dockerfile");
    camundaConfig = yaml(string(compose, "configs", camundaConfigSource(), "content"));
  }

  @Test
  void theComposeFileHasTheClusterElasticsearchAndTheApplication() {
    assertThat(map(compose, "services")).containsKeys(CAMUNDA, ELASTICSEARCH, APP);
    assertThat(map(compose, "services", APP, "build"))
        .as("the application is built from the Dockerfile")
        .containsEntry("context", ".")
        .containsEntry("dockerfile", "Dockerfile");
  }

  @Test
  void theCamundaImageIsTheCamundaLineOfClientStarterAndProcessTest() throws IOException {
    String camundaVersion = pomProperty("pom.xml", "camunda.version");

    assertThat(string(compose, "services", CAMUNDA, "image"))
        .isEqualTo("camunda/camunda:" + camundaVersion);
  }

  @Test
  void theElasticsearchImageIsTheDistributionTheTestsAndScriptsRun() throws IOException {
    String version = pomProperty("workers/pom.xml", "elasticsearch.distribution.version");

    assertThat(string(compose, "services", ELASTICSEARCH, "image"))
        .isEqualTo("docker.elastic.co/elasticsearch/elasticsearch:" + version);
  }

  @Test
  void theApplicationUploadsToTheClustersDocumentStore() {
    assertThat(string(compose, "services", APP, "environment", "CIVICFLOW_DOCUMENT_STORE_ID"))
        .isEqualTo(
            string(compose, "services", CAMUNDA, "environment", "DOCUMENT_DEFAULT_STORE_ID"));
  }

  @Test
  void everyServiceIsPinnedAndHealthChecked() {
    for (String service : map(compose, "services").keySet()) {
      assertThat(string(compose, "services", service, "image"))
          .as("image of %s", service)
          .matches(".+:[0-9][^:]*")
          .doesNotEndWith(":latest");
      assertThat(map(compose, "services", service, "healthcheck"))
          .as("healthcheck of %s", service)
          .containsKey("test");
    }
  }

  @Test
  void theApplicationRunsWithTheCamundaProfile() {
    assertThat(environment(APP)).containsEntry("SPRING_PROFILES_ACTIVE", "camunda");
    assertThat(dockerfile)
        .contains("SPRING_PROFILES_ACTIVE=camunda")
        .contains("/workers/target/civicflow-app.jar");
    assertThat(string(profile, "civicflow", "engine", "embedded", "enabled")).isEqualTo("false");
  }

  @Test
  void composeSetsEveryVariableTheProfileReadsToTheProfilesDefault() {
    Map<String, String> placeholders = placeholders(profile);
    Map<String, String> environment = environment(APP);

    assertThat(placeholders).as("variables application-camunda.yaml reads").isNotEmpty();
    placeholders.forEach(
        (variable, defaultValue) ->
            assertThat(environment)
                .as(
                    "%s in the environment of compose service %s (the profile's default)",
                    variable, APP)
                .containsEntry(variable, defaultValue));

    Set<String> unread = new TreeSet<>(environment.keySet());
    unread.removeAll(placeholders.keySet());
    unread.remove("SPRING_PROFILES_ACTIVE");
    assertThat(unread)
        .as("variables compose sets but application-camunda.yaml does not read")
        .isEmpty();
  }

  @Test
  void everyAddressInTheProfileIsAServiceListeningOnThatPortThatTheApplicationWaitsFor() {
    Map<String, Object> dependsOn = map(compose, "services", APP, "depends_on");
    List<String> addresses = new ArrayList<>();
    for (String defaultValue : placeholders(profile).values()) {
      if (!defaultValue.matches("https?://.*")) {
        continue;
      }
      URI address = URI.create(defaultValue);
      addresses.add(defaultValue);
      assertThat(map(compose, "services"))
          .as("service for %s", address)
          .containsKey(address.getHost());
      assertThat(containerPorts(address.getHost()))
          .as("ports of %s", address.getHost())
          .contains(address.getPort());
      assertThat(dependsOn).as("%s depends_on", APP).containsKey(address.getHost());
      assertThat(string(dependsOn, address.getHost(), "condition")).isEqualTo("service_healthy");
    }
    assertThat(addresses).as("addresses in the profile").hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void theApplicationTalksToCamundasRestAndGrpcPorts() {
    assertThat(URI.create(profileDefault("camunda", "client", "rest-address")).getPort())
        .isEqualTo(8080);
    assertThat(URI.create(profileDefault("camunda", "client", "grpc-address")).getPort())
        .isEqualTo(26500);
    assertThat(containerPorts(CAMUNDA)).contains(8080, 26500, 9600);
  }

  @Test
  void theApplicationLogsInAsAUserCamundaCreates() {
    assertThat(string(camundaConfig, "camunda", "security", "authentication", "method"))
        .isEqualToIgnoringCase("basic");
    assertThat(string(profile, "camunda", "client", "auth", "method"))
        .isEqualToIgnoringCase("basic");
    Map<String, String> user =
        Map.of(
            "username", profileDefault("camunda", "client", "auth", "username"),
            "password", profileDefault("camunda", "client", "auth", "password"));

    List<Map<String, String>> users = new ArrayList<>();
    for (Object entry : list(camundaConfig, "camunda", "security", "initialization", "users")) {
      Map<?, ?> fields = (Map<?, ?>) entry;
      users.add(
          Map.of(
              "username",
              String.valueOf(fields.get("username")),
              "password",
              String.valueOf(fields.get("password"))));
    }
    assertThat(users).as("users Camunda creates on start-up").contains(user);
  }

  @Test
  void theApplicationUsesTheElasticsearchCamundaUses() {
    String camundasElasticsearch =
        string(camundaConfig, "camunda", "data", "secondary-storage", "elasticsearch", "url");

    assertThat(profileDefault("civicflow", "registry", "elasticsearch", "url"))
        .isEqualTo(camundasElasticsearch);
    assertThat(string(profile, "spring", "elasticsearch", "uris"))
        .as("Spring Boot's Elasticsearch client and health indicator")
        .isEqualTo("${civicflow.registry.elasticsearch.url}");
    assertThat(URI.create(camundasElasticsearch).getHost()).isEqualTo(ELASTICSEARCH);
    assertThat(containerPorts(ELASTICSEARCH)).contains(URI.create(camundasElasticsearch).getPort());
  }

  @Test
  void theApplicationsPortsArePublishedExposedAndHealthChecked() {
    int http = Integer.parseInt(profileDefault("server", "port"));
    int management = Integer.parseInt(profileDefault("management", "server", "port"));

    assertThat(containerPorts(APP)).containsExactlyInAnyOrder(http, management);
    assertThat(dockerfile)
        .containsPattern("EXPOSE[^\\n]*\\b" + http + "\\b")
        .containsPattern("EXPOSE[^\\n]*\\b" + management + "\\b");
    assertThat(String.valueOf(map(compose, "services", APP, "healthcheck").get("test")))
        .contains("/" + management);
  }

  @Test
  void noTwoServicesPublishTheSameHostPort() {
    List<Integer> published = new ArrayList<>();
    for (String service : map(compose, "services").keySet()) {
      for (Object port : list(compose, "services", service, "ports")) {
        published.add(publishedPort(port));
      }
    }
    assertThat(published).doesNotHaveDuplicates().contains(8080, 26500, 9600, 9200);
  }

  /** Only Tasklist/Operate (8080) and the console (8090) on every interface; the rest local. */
  @Test
  void onlyThePortsMeantToBePublicArePublishedOnAllInterfaces() {
    for (String service : map(compose, "services").keySet()) {
      for (Object port : list(compose, "services", service, "ports")) {
        int published = publishedPort(port);
        if (published != 8080 && published != 8090) {
          assertThat(String.valueOf(port))
              .as("port %s of %s", published, service)
              .startsWith("127.0.0.1:");
        }
      }
    }
  }

  @Test
  void camundaReadsItsConfigurationAndKeepsItsDataInANamedVolume() {
    assertThat(list(compose, "services", CAMUNDA, "volumes"))
        .anySatisfy(
            volume -> assertThat(String.valueOf(volume)).endsWith(":/usr/local/camunda/data"));
    for (String service : List.of(CAMUNDA, ELASTICSEARCH)) {
      for (Object volume : list(compose, "services", service, "volumes")) {
        String name = String.valueOf(volume).split(":")[0];
        assertThat(map(compose, "volumes")).as("named volume of %s", service).containsKey(name);
      }
    }
  }

  // --- reading
  // ---------------------------------------------------------------------------------------

  private static String camundaConfigSource() {
    for (Object config : list(compose, "services", CAMUNDA, "configs")) {
      Map<?, ?> entry = (Map<?, ?>) config;
      if (CAMUNDA_CONFIG_TARGET.equals(entry.get("target"))) {
        return String.valueOf(entry.get("source"));
      }
    }
    throw new AssertionError(
        "service " + CAMUNDA + " mounts no config at " + CAMUNDA_CONFIG_TARGET);
  }

  /**
   * The default of the profile property at {@code path}, or its value when it has no placeholder.
   */
  private static String profileDefault(String... path) {
    String value = string(profile, path);
    Matcher matcher = PLACEHOLDER.matcher(value);
    return matcher.matches() ? matcher.group(2) : value;
  }

  /** Every {@code ${VARIABLE:default}} in the profile's values: variable → default. */
  private static Map<String, String> placeholders(Object node) {
    Map<String, String> found = new LinkedHashMap<>();
    if (node instanceof Map<?, ?> map) {
      map.values().forEach(value -> found.putAll(placeholders(value)));
    } else if (node instanceof List<?> list) {
      list.forEach(value -> found.putAll(placeholders(value)));
    } else if (node != null) {
      Matcher matcher = PLACEHOLDER.matcher(node.toString());
      while (matcher.find()) {
        String previous = found.put(matcher.group(1), matcher.group(2));
        assertThat(previous == null || previous.equals(matcher.group(2)))
            .as("%s has one default in the profile", matcher.group(1))
            .isTrue();
      }
    }
    return found;
  }

  /** The service's environment, from the map or the {@code KEY=value} list form. */
  private static Map<String, String> environment(String service) {
    Object environment = map(compose, "services", service).get("environment");
    Map<String, String> variables = new LinkedHashMap<>();
    if (environment instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) ->
              variables.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
    } else if (environment instanceof List<?> entries) {
      for (Object entry : entries) {
        String[] parts = String.valueOf(entry).split("=", 2);
        variables.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    }
    return variables;
  }

  /**
   * The ports the service's container listens on, as published ({@code ports}) or {@code expose}d.
   */
  private static Set<Integer> containerPorts(String service) {
    Set<Integer> ports = new TreeSet<>();
    for (Object port : list(compose, "services", service, "ports")) {
      if (port instanceof Map<?, ?> longSyntax) {
        ports.add(Integer.parseInt(String.valueOf(longSyntax.get("target"))));
      } else {
        String[] parts = String.valueOf(port).split("/")[0].split(":");
        ports.add(Integer.parseInt(parts[parts.length - 1]));
      }
    }
    for (Object port : list(compose, "services", service, "expose")) {
      ports.add(Integer.parseInt(String.valueOf(port).split("/")[0]));
    }
    return ports;
  }

  private static int publishedPort(Object port) {
    if (port instanceof Map<?, ?> longSyntax) {
      return Integer.parseInt(String.valueOf(longSyntax.get("published")));
    }
    String[] parts = String.valueOf(port).split("/")[0].split(":");
    return Integer.parseInt(parts[parts.length - 2]);
  }

  private static String pomProperty(String pom, String property) throws IOException {
    Matcher matcher =
        Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(read(pom));
    assertThat(matcher.find()).as("<%s> in %s", property, pom).isTrue();
    return matcher.group(1).trim();
  }

  private static String read(String file) throws IOException {
    Path path = root.resolve(file);
    assertThat(path).as(file).isRegularFile();
    return Files.readString(path);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) {
    Object document = new Yaml().load(text);
    assertThat(document).isInstanceOf(Map.class);
    return (Map<String, Object>) document;
  }

  private static Object at(Map<String, Object> document, String... path) {
    Object node = document;
    for (String key : path) {
      assertThat(node)
          .as("%s: a mapping above %s", String.join(".", path), key)
          .isInstanceOf(Map.class);
      node = ((Map<?, ?>) node).get(key);
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> document, String... path) {
    Object node = at(document, path);
    assertThat(node).as(String.join(".", path)).isInstanceOf(Map.class);
    return (Map<String, Object>) node;
  }

  private static List<?> list(Map<String, Object> document, String... path) {
    Object node = at(document, path);
    return node == null ? List.of() : (List<?>) node;
  }

  private static String string(Map<String, Object> document, String... path) {
    Object node = at(document, path);
    assertThat(node).as(String.join(".", path)).isNotNull();
    return String.valueOf(node);
  }
}
