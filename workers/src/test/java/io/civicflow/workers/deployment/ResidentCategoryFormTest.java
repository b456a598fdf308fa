package io.civicflow.workers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.workers.deployment.RepositoryFiles.SourceFile;
import io.civicflow.workers.dispatch.ResidentCategory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kinds of special residents are kept in one place, {@link ResidentCategory}: the forms that
 * ask for them offer exactly its codes, in its order, with its labels.
 */
class ResidentCategoryFormTest {

  @ParameterizedTest
  @ValueSource(strings = {"service-request", "case-intake", "outreach-enrolment"})
  void theFormOffersExactlyTheResidentCategories(String formId) throws IOException {
    SourceFile file =
        RepositoryFiles.files("forms", ".form").stream()
            .filter(f -> f.name().endsWith("/" + formId + ".form"))
            .findFirst()
            .orElseThrow();
    JsonNode select = find(new ObjectMapper().readTree(file.content()), "residentCategory");

    List<String> offered = new ArrayList<>();
    select
        .get("values")
        .forEach(v -> offered.add(v.get("value").asText() + "=" + v.get("label").asText()));
    assertThat(offered)
        .containsExactlyElementsOf(
            Arrays.stream(ResidentCategory.values()).map(c -> c.name() + "=" + c.label()).toList());
  }

  private static JsonNode find(JsonNode node, String key) {
    for (JsonNode component : node.path("components")) {
      if (key.equals(component.path("key").asText())) {
        return component;
      }
      JsonNode inner = find(component, key);
      if (inner != null) {
        return inner;
      }
    }
    return null;
  }
}
