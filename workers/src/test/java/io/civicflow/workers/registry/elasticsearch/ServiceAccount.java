package io.civicflow.workers.registry.elasticsearch;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating-system account Elasticsearch runs as. Elasticsearch refuses to run as root, and
 * this project's machines (developers' and CI's) run everything as root; so when the current
 * process is root, Elasticsearch runs as an unprivileged system user (created on first use) that
 * owns the node's directories. When the current process is not root, Elasticsearch simply runs as
 * the current user and nothing here changes.
 *
 * <p>Keep in step with {@code scripts/elasticsearch.sh}, which does the same for developers.
 */
final class ServiceAccount {

  /** The unprivileged user created when running as root. */
  static final String DEFAULT_USER = "civicflow-es";

  private static final Logger LOG = LoggerFactory.getLogger(ServiceAccount.class);
  private static final long COMMAND_TIMEOUT_SECONDS = 60;

  private final String user;
  private final boolean switchUser;

  private ServiceAccount(String user, boolean switchUser) {
    this.user = user;
    this.switchUser = switchUser;
  }

  /** The account for this process: {@code user} when running as root, else the current user. */
  static ServiceAccount forCurrentProcess(String user) {
    boolean root = new UnixSystem().getUid() == 0;
    return new ServiceAccount(user, root);
  }

  boolean switchesUser() {
    return switchUser;
  }

  String user() {
    return user;
  }

  /** Creates the unprivileged user if it is needed and missing (system user, no home, no login). */
  void ensureExists() {
    if (!switchUser || userExists()) {
      return;
    }
    LOG.info("Creating system user {} to run Elasticsearch (it refuses to run as root)", user);
    CommandResult result =
        run(
            List.of(
                "useradd",
                "--system",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                user));
    // another JVM may have created it at the same moment: only the end state matters
    if (result.exitCode() != 0 && !userExists()) {
      throw new IllegalStateException(
          "Could not create system user " + user + " for Elasticsearch: " + result.output());
    }
  }

  /** Gives the account ownership of {@code dir} and everything below it. */
  void takeOwnership(Path dir) throws IOException {
    if (!switchUser) {
      return;
    }
    UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
    UserPrincipal owner = lookup.lookupPrincipalByName(user);
    GroupPrincipal group = lookup.lookupPrincipalByGroupName(user);
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.toList()) {
        PosixFileAttributeView view =
            Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(owner);
        view.setGroup(group);
      }
    }
  }

  /**
   * Lets the account reach {@code path}: every ancestor directory without search permission for
   * others gets o+x (search only, never read), each change logged. Needed when the checkout lies
   * under a private directory such as the 0700 one {@code mktemp -d} makes, which root can enter
   * but the account cannot.
   */
  void grantTraversal(Path path) throws IOException {
    if (!switchUser) {
      return;
    }
    for (Path dir = path.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
      if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
        LOG.warn(
            "Granting others search permission (o+x) on {} so that user {} can reach {}",
            dir,
            user,
            path);
        Files.setPosixFilePermissions(dir, permissions);
      }
    }
  }

  /** Fails with a clear message if the account cannot read and execute {@code file}. */
  void checkCanExecute(Path file) {
    if (!switchUser) {
      if (!Files.isReadable(file)) {
        throw new IllegalStateException("Cannot read " + file);
      }
      return;
    }
    CommandResult result = run(wrap(List.of("test", "-r", file.toString())));
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "User "
              + user
              + " cannot read "
              + file
              + ": put the Elasticsearch distribution where every user can read it"
              + " (every parent directory needs o+x)");
    }
  }

  /** {@code command} run as this account: unchanged, or prefixed with runuser (or su). */
  List<String> wrap(List<String> command) {
    if (!switchUser) {
      return command;
    }
    List<String> wrapped = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/sbin/runuser"))
        || Files.isExecutable(Path.of("/sbin/runuser"))) {
      wrapped.addAll(List.of("runuser", "-u", user, "--"));
      wrapped.addAll(command);
    } else {
      wrapped.addAll(List.of("su", "-s", "/bin/sh", user, "-c", shellQuoted(command)));
    }
    return wrapped;
  }

  private boolean userExists() {
    return run(List.of("id", "-u", user)).exitCode() == 0;
  }

  private static String shellQuoted(List<String> command) {
    StringBuilder line = new StringBuilder("exec");
    for (String word : command) {
      line.append(" '").append(word.replace("'", "'\\''")).append('\'');
    }
    return line.toString();
  }

  private static CommandResult run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new CommandResult(-1, "timed out: " + command);
      }
      return new CommandResult(process.exitValue(), output);
    } catch (IOException e) {
      return new CommandResult(-1, command.get(0) + " could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command, e);
    }
  }

  private record CommandResult(int exitCode, String output) {}
}
