package io.civicflow.workers.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.workers.deployment.RepositoryFiles.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Camunda forms in {@code forms/} by their {@code id}, the key a user task's {@code
 * zeebe:formDefinition formId} links to and Camunda versions a form by.
 *
 * @param fileById each form id and the file that defines it
 * @param problems each file that is not JSON, has no id, or repeats another file's id
 */
record FormCatalogue(Map<String, String> fileById, List<String> problems) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static FormCatalogue read() {
    Map<String, String> fileById = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (SourceFile form : RepositoryFiles.files("forms", ".form")) {
      JsonNode json;
      try {
        json = JSON.readTree(form.content());
      } catch (JsonProcessingException e) {
        problems.add(form.name() + ": not JSON (" + e.getOriginalMessage() + ")");
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      JsonNode id = json == null ? null : json.get("id");
      if (id == null || !id.isTextual() || id.asText().isBlank()) {
        problems.add(
            form.name()
                + ": no \"id\" (a user task links its form by id: zeebe:formDefinition formId)");
        continue;
      }
      String other = fileById.putIfAbsent(id.asText(), form.name());
      if (other != null) {
        problems.add(form.name() + ": id \"" + id.asText() + "\" is already the id of " + other);
      }
    }
    return new FormCatalogue(fileById, problems);
  }
}
