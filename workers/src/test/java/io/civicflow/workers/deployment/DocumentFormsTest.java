package io.civicflow.workers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.workers.deployment.RepositoryFiles.SourceFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Where a paper belongs, the form has a form-js file picker or document preview (issue 21): the
 * needs book, tender documents, bid and response files, evaluation report, award notice and
 * contract, operating report, third-party evaluation and acceptance, incubation application and
 * agreement, case records. Every file picker takes several files of the kinds officials scan or
 * write, is labelled in Chinese, and what it submits reaches the process: a user task that maps its
 * outputs maps the picker's variable too, else the references would be dropped with the task.
 */
class DocumentFormsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";

  /** Each form of the list and the document components it must have. */
  private static final Map<String, Set<String>> DOCUMENT_FORMS =
      Map.ofEntries(
          Map.entry("needs-book", Set.of("filepicker")),
          Map.entry("needs-book-approval", Set.of("documentPreview")),
          Map.entry("tender-documents", Set.of("filepicker")),
          Map.entry("paper-bid", Set.of("filepicker")),
          Map.entry("bid-scoring", Set.of("documentPreview")),
          Map.entry("evaluation-report", Set.of("filepicker", "documentPreview")),
          Map.entry("winner-confirmation", Set.of("documentPreview")),
          Map.entry("contract-signing", Set.of("filepicker", "documentPreview")),
          Map.entry("operating-report", Set.of("filepicker")),
          Map.entry("operating-report-review", Set.of("documentPreview")),
          Map.entry("evaluation-expert-scoring", Set.of("filepicker")),
          Map.entry("evaluation-confirmation", Set.of("documentPreview")),
          Map.entry("contract-acceptance", Set.of("filepicker")),
          Map.entry("termination-statement", Set.of("filepicker")),
          Map.entry("incubation-application", Set.of("filepicker")),
          Map.entry("incubation-screening", Set.of("documentPreview")),
          Map.entry("incubation-committee-vote", Set.of("documentPreview")),
          Map.entry("incubation-agreement", Set.of("filepicker")),
          Map.entry("case-intake", Set.of("filepicker")),
          Map.entry("case-assessment", Set.of("filepicker")),
          Map.entry("case-session", Set.of("filepicker")),
          Map.entry("case-closure", Set.of("filepicker")));

  private static Map<String, JsonNode> forms;

  /** A document component: its type, its variable (path of groups and key) and its label. */
  private record Component(String type, String variable, String label, JsonNode json) {}

  @BeforeAll
  static void readForms() throws IOException {
    forms = new TreeMap<>();
    for (SourceFile file : RepositoryFiles.files("forms", ".form")) {
      JsonNode form = JSON.readTree(file.content());
      forms.put(form.path("id").asText(), form);
    }
  }

  @Test
  void everyFormWhereAPaperBelongsHasAFilePickerOrADocumentPreview() {
    List<String> missing = new ArrayList<>();
    DOCUMENT_FORMS.forEach(
        (id, types) -> {
          JsonNode form = forms.get(id);
          if (form == null) {
            missing.add(id + ": no such form");
            return;
          }
          Set<String> found =
              Set.copyOf(documentComponents(form).stream().map(Component::type).toList());
          for (String type : types) {
            if (!found.contains(type)) {
              missing.add(id + ": no " + type);
            }
          }
        });
    assertThat(missing).isEmpty();
  }

  @Test
  void everyFilePickerTakesSeveralScansAndEveryComponentIsLabelledInChinese() {
    List<String> problems = new ArrayList<>();
    forms.forEach(
        (id, form) -> {
          for (Component c : documentComponents(form)) {
            if (!c.label().codePoints().anyMatch(cp -> cp >= 0x4e00 && cp <= 0x9fff)) {
              problems.add(id + "/" + c.json().path("id").asText() + ": label not in Chinese");
            }
            if (c.type().equals("filepicker")) {
              if (!c.json().path("multiple").asBoolean()) {
                problems.add(id + "/" + c.variable() + ": not multiple");
              }
              if (!c.json().path("accept").asText().contains(".pdf")) {
                problems.add(id + "/" + c.variable() + ": does not accept PDF");
              }
            } else if (!c.json().path("dataSource").asText().startsWith("=")) {
              problems.add(id + "/" + c.json().path("id").asText() + ": no FEEL dataSource");
            }
          }
        });
    assertThat(problems).isEmpty();
  }

  @Test
  void whatAFilePickerSubmitsIsNotDroppedByTheTasksOutputMappings() throws Exception {
    List<String> dropped = new ArrayList<>();
    for (SourceFile bpmn : RepositoryFiles.files("processes", ".bpmn")) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      org.w3c.dom.Document model =
          factory.newDocumentBuilder().parse(new ByteArrayInputStream(bpmn.content()));
      NodeList links = model.getElementsByTagNameNS(ZEEBE, "formDefinition");
      for (int i = 0; i < links.getLength(); i++) {
        Element link = (Element) links.item(i);
        JsonNode form = forms.get(link.getAttribute("formId"));
        Element task = (Element) link.getParentNode().getParentNode();
        List<String> outputs = new ArrayList<>();
        NodeList mappings = task.getElementsByTagNameNS(ZEEBE, "output");
        for (int m = 0; m < mappings.getLength(); m++) {
          outputs.add(((Element) mappings.item(m)).getAttribute("source"));
        }
        if (form == null || outputs.isEmpty()) {
          continue; // no output mappings: everything the form submits reaches the process
        }
        for (Component c : documentComponents(form)) {
          String top = c.variable().split("\\.")[0];
          if (c.type().equals("filepicker")
              && outputs.stream().noneMatch(source -> mentions(source, top))) {
            dropped.add(
                bpmn.name() + " " + task.getAttribute("id") + ": " + c.variable() + " not mapped");
          }
        }
      }
    }
    assertThat(dropped).isEmpty();
  }

  private static boolean mentions(String feel, String variable) {
    return feel.matches("(?s).*(?<![A-Za-z0-9_.])" + variable + "(?![A-Za-z0-9_]).*");
  }

  private static List<Component> documentComponents(JsonNode form) {
    List<Component> found = new ArrayList<>();
    collect(form.path("components"), "", found);
    return found;
  }

  private static void collect(JsonNode components, String path, List<Component> found) {
    for (JsonNode c : components) {
      String type = c.path("type").asText();
      if (type.equals("filepicker") || type.equals("documentPreview")) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("label", c.path("label").asText(c.path("title").asText("")));
        found.add(new Component(type, path + c.path("key").asText(), names.get("label"), c));
      }
      if (c.has("components")) {
        String inner = c.has("path") ? path + c.path("path").asText() + "." : path;
        collect(c.path("components"), inner, found);
      }
    }
  }
}
