package io.civicflow.workers.testing;

import io.civicflow.engine.web.EngineProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The engine's built-in users file as the tests use it: the same users, groups and passwords, and
 * an e-mail address {@code <user>@civicflow.test} for every user the file gives none, so that every
 * notification in a test is mailed to the test's SMTP server and can be read back.
 */
public final class TestUsers {

  public static final String DOMAIN = "civicflow.test";

  private TestUsers() {}

  /** Writes the file once and returns its path. */
  @SuppressWarnings("unchecked")
  static String withAddresses() {
    String resource = EngineProperties.Auth.DEFAULT_USERS_FILE.substring("classpath:".length());
    try (InputStream in =
        TestUsers.class.getClassLoader().getResourceAsStream(resource.replaceFirst("^/", ""))) {
      Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      Map<String, Object> users = (Map<String, Object>) root.get("users");
      Map<String, Object> withMail = new LinkedHashMap<>();
      users.forEach(
          (name, value) -> {
            Map<String, Object> user = new LinkedHashMap<>((Map<String, Object>) value);
            user.putIfAbsent("email", address(name));
            withMail.put(name, user);
          });
      root.put("users", withMail);
      Path file = Files.createTempFile("civicflow-test-users", ".yaml");
      DumperOptions options = new DumperOptions();
      options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        new Yaml(options).dump(root, out);
      }
      file.toFile().deleteOnExit();
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The address a test user without one in the built-in file gets. */
  public static String address(String user) {
    return user + "@" + DOMAIN;
  }
}
