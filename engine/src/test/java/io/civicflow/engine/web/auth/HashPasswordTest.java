package io.civicflow.engine.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashPasswordTest {

  @Test
  void shouldPrintAHashTheUsersFileAcceptsForThePasswordReadFromStandardInput() throws Exception {
    InputStream stdin = System.in;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream("街镇 打包:2016\n".getBytes(StandardCharsets.UTF_8)));
      HashPassword.run(new PrintStream(out, true, StandardCharsets.UTF_8));
    } finally {
      System.setIn(stdin);
    }
    String hash = out.toString(StandardCharsets.UTF_8).trim();

    String yaml = "users:\n  station1:\n    password: \"" + hash + "\"\n    groups: [station]\n";
    Map<String, User> users =
        UsersFile.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t.yaml");
    assertThat(new Authenticator(users).authenticate("station1", "街镇 打包:2016"))
        .hasValueSatisfying(identity -> assertThat(identity.groups()).isEqualTo(Set.of("station")));
  }
}
