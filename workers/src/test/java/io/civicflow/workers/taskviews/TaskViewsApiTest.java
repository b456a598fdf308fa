package io.civicflow.workers.taskviews;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchTaskViews;
import io.civicflow.workers.testing.AuthenticatedUsers;
import io.civicflow.workers.testing.EmbeddedEngineTestInitializer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Saved task-list views on the server, through the application with authentication on (the engine's
 * users file, HTTP Basic) and the real Elasticsearch: a user keeps and reads back their own views;
 * nobody else — a colleague in the same group, an administrator — reads or changes them; no
 * credentials is 401; a list the console could not have made is 400.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = EmbeddedEngineTestInitializer.AuthenticatedOnItsOwnPorts.class)
@DirtiesContext
class TaskViewsApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static AuthenticatedUsers users;

  @Autowired private TaskViews stored;

  @Value("${server.port}")
  private int port;

  @Value("${management.server.port}")
  private int managementPort;

  @BeforeEach
  void users() throws Exception {
    if (users == null) {
      users = new AuthenticatedUsers(port, managementPort);
    }
    for (String user : List.of("civil1", "civil2")) {
      stored.replace(user, List.of());
    }
  }

  @AfterAll
  static void closeClients() {
    if (users != null) {
      users.close();
    }
  }

  private String views(String user) {
    return "http://127.0.0.1:" + port + "/api/users/" + user + "/task-views";
  }

  private static final String LUJIA_OVERDUE =
      "{\"views\":[{\"id\":\"saved-lj1\",\"name\":\"陆家镇逾期\","
          + "\"filters\":{\"district\":\"LJ\",\"due\":\"overdue\",\"state\":\"open\"}}]}";

  @Test
  void aUserKeepsTheirViewsOnTheServerAndReadsThemBack() throws Exception {
    assertThat(JSON.readTree(users.http("GET", views("civil1"), "civil1", null).body()))
        .isEqualTo(JSON.readTree("{\"views\":[]}"));

    HttpResponse<String> put = users.http("PUT", views("civil1"), "civil1", LUJIA_OVERDUE);
    assertThat(put.statusCode()).isEqualTo(200);

    HttpResponse<String> read = users.http("GET", views("civil1"), "civil1", null);
    assertThat(read.statusCode()).isEqualTo(200);
    JsonNode view = JSON.readTree(read.body()).path("views").get(0);
    assertThat(view.path("name").asText()).isEqualTo("陆家镇逾期");
    assertThat(view.path("filters").path("district").asText()).isEqualTo("LJ");
    // in Elasticsearch, where every browser of hers finds them
    assertThat(stored).isInstanceOf(ElasticsearchTaskViews.class);
    assertThat(stored.of("civil1"))
        .containsExactly(
            new TaskView(
                "saved-lj1", "陆家镇逾期", Map.of("district", "LJ", "due", "overdue", "state", "open")));

    // replaced as a whole: deleting the last view leaves none
    assertThat(users.http("PUT", views("civil1"), "civil1", "{\"views\":[]}").statusCode())
        .isEqualTo(200);
    assertThat(stored.of("civil1")).isEmpty();
  }

  @Test
  void nobodyElseReadsOrChangesAUsersViews() throws Exception {
    users.http("PUT", views("civil1"), "civil1", LUJIA_OVERDUE);

    // a colleague of the same group, and an administrator: 403 both ways, nothing changed
    for (String other : List.of("civil2", "demo")) {
      HttpResponse<String> read = users.http("GET", views("civil1"), other, null);
      assertThat(read.statusCode()).isEqualTo(403);
      assertThat(read.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(read.body()).contains("FORBIDDEN").doesNotContain("陆家镇逾期");
      assertThat(users.http("PUT", views("civil1"), other, "{\"views\":[]}").statusCode())
          .isEqualTo(403);
    }
    assertThat(stored.of("civil1")).hasSize(1);
    // the colleague's own list is her own, and empty
    assertThat(JSON.readTree(users.http("GET", views("civil2"), "civil2", null).body()))
        .isEqualTo(JSON.readTree("{\"views\":[]}"));

    // no credentials at all
    HttpResponse<String> anonymous = users.http("GET", views("civil1"), null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(users.http("PUT", views("civil1"), null, "{\"views\":[]}").statusCode())
        .isEqualTo(401);
  }

  @Test
  void aListTheConsoleCouldNotHaveMadeIsRefused() throws Exception {
    for (String bad :
        List.of(
            "{}",
            "{\"views\":[{\"id\":\"saved-1\",\"name\":\"\",\"filters\":{}}]}",
            "{\"views\":[{\"id\":\"saved-1\",\"name\":\"一个超过三十个字的视图名称一个超过三十个字的视图名称一个超过三十个字\",\"filters\":{}}]}",
            "{\"views\":[{\"id\":\"../x\",\"name\":\"甲\",\"filters\":{}}]}",
            "{\"views\":[{\"id\":\"saved-1\",\"name\":\"甲\",\"filters\":{\"script\":\"x\"}}]}",
            "{\"views\":[{\"id\":\"saved-1\",\"name\":\"甲\",\"filters\":{}},"
                + "{\"id\":\"saved-2\",\"name\":\"甲\",\"filters\":{}}]}")) {
      HttpResponse<String> answer = users.http("PUT", views("civil1"), "civil1", bad);
      assertThat(answer.statusCode()).as(bad).isEqualTo(400);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
    assertThat(stored.of("civil1")).isEmpty();
  }
}
