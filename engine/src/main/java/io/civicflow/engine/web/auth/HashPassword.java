package io.civicflow.engine.web.auth;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code java -jar civicflow-engine.jar hash-password}: reads a password (without echo on a
 * terminal, else one line of standard input, so it stays out of the shell history) and prints its
 * BCrypt hash for the users file.
 */
public final class HashPassword {

  public static final String COMMAND = "hash-password";

  private HashPassword() {}

  public static void run(PrintStream out) throws IOException {
    String password;
    Console console = System.console();
    if (console != null) {
      char[] typed = console.readPassword("Password: ");
      password = typed == null ? null : new String(typed);
    } else {
      password =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("No password given");
    }
    out.println(hash(password));
  }

  public static String hash(String password) {
    return new BCryptPasswordEncoder().encode(password);
  }
}
