package io.civicflow.workers.deployment;

import io.civicflow.workers.deployment.RepositoryFiles.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code processes/messages.yaml}: the messages processes wait for, and who publishes each.
 *
 * @param names the catalogued message names
 * @param problems a missing or malformed file, entries without a name or without a publisher, names
 *     listed twice
 */
record MessageCatalogue(Set<String> names, List<String> problems) {

  static final String FILE = "processes/messages.yaml";

  /** The catalogue in the repository (or on the classpath). */
  static MessageCatalogue read() {
    return RepositoryFiles.files("processes", ".yaml").stream()
        .filter(file -> file.name().equals(FILE))
        .findFirst()
        .map(SourceFile::text)
        .map(MessageCatalogue::parse)
        .orElseGet(() -> new MessageCatalogue(Set.of(), List.of(FILE + " is missing")));
  }

  static MessageCatalogue parse(String yaml) {
    Object document;
    try {
      document = new Yaml().load(yaml);
    } catch (YAMLException e) {
      return new MessageCatalogue(Set.of(), List.of(FILE + " is not YAML: " + e.getMessage()));
    }
    Object messages = document instanceof Map<?, ?> map ? map.get("messages") : null;
    if (!(messages instanceof List<?> entries)) {
      return new MessageCatalogue(
          Set.of(), List.of(FILE + " needs a top-level list `messages:` (empty is [])"));
    }
    Set<String> names = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Map<?, ?> entry = entries.get(i) instanceof Map<?, ?> m ? m : Map.of();
      String name = text(entry.get("name"));
      String label = name.isEmpty() ? "entry " + (i + 1) : "\"" + name + "\"";
      if (name.isEmpty()) {
        problems.add(FILE + " " + label + ": no name");
      } else if (!names.add(name)) {
        problems.add(FILE + " " + label + ": listed twice");
      }
      if (text(entry.get("publishedBy")).isEmpty()) {
        problems.add(FILE + " " + label + ": no publishedBy (who sends it, and how)");
      }
    }
    return new MessageCatalogue(names, problems);
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().trim();
  }
}
