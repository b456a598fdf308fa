package io.civicflow.workers.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The modeller's Chinese dictionary (console src/modeller-zh.json, used by modeller-translate.js as
 * bpmn-js's translate service): it covers every string the palette and the context pad pass to
 * translate, and the properties panel's groups and entries for the elements our models use; every
 * translation keeps the template's placeholders.
 */
class ModellerDictionaryTest {

  private static final Path CONSOLE = Path.of("src/main/console");

  /**
   * The properties panel (BPMN and Zeebe providers) for service and user tasks, call activities,
   * gateways, events, timers, messages, multi-instance, mappings and listeners.
   */
  private static final Set<String> PANEL =
      Set.of(
          "General",
          "Name",
          "Documentation",
          "Element documentation",
          "Process ID",
          "Process name",
          "Version tag",
          "Executable",
          "Task definition",
          "Job type",
          "Retries",
          "Input mapping",
          "Output mapping",
          "Inputs",
          "Outputs",
          "Headers",
          "Key",
          "Value",
          "Assignment",
          "Assignee",
          "Candidate groups",
          "Candidate users",
          "Due date",
          "Follow up date",
          "Priority",
          "Form",
          "Form ID",
          "Binding",
          "latest",
          "deployment",
          "version tag",
          "Implementation",
          "Camunda user task",
          "Job worker",
          "Called element",
          "Propagate all parent process variables",
          "Propagate all child process variables",
          "Input propagation",
          "Output propagation",
          "Condition",
          "Condition expression",
          "Timer",
          "Type",
          "Date",
          "Duration",
          "Cycle",
          "Message",
          "Global message reference",
          "Subscription correlation key",
          "Error",
          "Global error reference",
          "Code",
          "Signal",
          "Escalation",
          "Multi-instance",
          "Input collection",
          "Input element",
          "Output collection",
          "Output element",
          "Completion condition",
          "Task listeners",
          "Execution listeners",
          "Listener type",
          "Event type",
          "Extension properties",
          "Start: {type}",
          "End: {type}",
          "{eventType}: {type}",
          "Create",
          "Delete item",
          "Service Task",
          "User Task",
          "Call Activity",
          "Exclusive Gateway",
          "Parallel Gateway",
          "Event Based Gateway",
          "Start Event",
          "End Event",
          "Timer Boundary Event",
          "Message Boundary Event",
          "Timer Intermediate Catch Event",
          "Message Intermediate Catch Event",
          "Sequence Flow",
          "Process");

  private static final Pattern TRANSLATED = Pattern.compile("translate\\('([^']+)'");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]+}");
  private static final Pattern CHINESE = Pattern.compile("[\\p{IsHan}\\uFF1A]");

  private static Map<String, String> dictionary() throws IOException {
    return new ObjectMapper()
        .readValue(CONSOLE.resolve("src/modeller-zh.json").toFile(), new TypeReference<>() {});
  }

  @Test
  void shouldTranslateThePanelsGroupsAndEntriesForOurElements() throws IOException {
    assertThat(dictionary()).containsKeys(PANEL.toArray(String[]::new));
  }

  @Test
  void shouldTranslateEveryPaletteContextPadAndChangeMenuString() throws IOException {
    Path lib = CONSOLE.resolve("node_modules/bpmn-js/lib/features");
    Assumptions.assumeTrue(Files.isDirectory(lib), "npm ci ran (not -Dconsole.skip=true)");
    Set<String> used = new TreeSet<>();
    for (String file :
        List.of(
            "palette/PaletteProvider.js",
            "context-pad/ContextPadProvider.js",
            "popup-menu/ReplaceMenuProvider.js")) {
      Matcher m = TRANSLATED.matcher(Files.readString(lib.resolve(file)));
      while (m.find()) used.add(m.group(1));
    }
    assertThat(used).hasSizeGreaterThan(30);
    assertThat(dictionary().keySet()).containsAll(used);
  }

  @Test
  void shouldKeepEachTemplatesPlaceholdersAndSpeakChinese() throws IOException {
    List<String> wrong = new ArrayList<>();
    dictionary()
        .forEach(
            (english, chinese) -> {
              if (!placeholders(english).equals(placeholders(chinese))) wrong.add(english);
              if (!CHINESE.matcher(chinese).find() && !Set.of("BPMN", "ID").contains(chinese)) {
                wrong.add(english);
              }
            });
    assertThat(wrong).isEmpty();
  }

  private static Set<String> placeholders(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) found.add(m.group());
    return found;
  }
}
