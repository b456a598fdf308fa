package io.civicflow.engine.web.auth;

import io.civicflow.engine.api.Commands.SeedIdentity;
import io.civicflow.engine.api.Commands.SeedUser;
import io.civicflow.engine.api.EngineApi;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the engine's identity state from the users file at start (engine/README.md, "Identity"):
 * each user, group, role, tenant, membership and authorization of the file that was never seeded
 * and does not exist is added once; nothing that exists is overwritten, and nothing seeded before
 * comes back after it was deleted through the API. Role {@code admin} and tenant {@code <default>}
 * always exist; group {@code admin} holds role {@code admin}.
 */
final class IdentitySeeding {

  private static final Logger LOG = LoggerFactory.getLogger(IdentitySeeding.class);

  private IdentitySeeding() {}

  static void seed(EngineApi engine, String usersFile) {
    Map<String, User> users = new TreeMap<>(UsersFile.load(usersFile));
    List<SeedUser> seedUsers =
        users.values().stream()
            .map(
                u ->
                    new SeedUser(
                        u.username(),
                        u.displayName(),
                        u.email(),
                        u.passwordHash(),
                        new java.util.TreeSet<>(u.groups()),
                        new java.util.TreeSet<>(u.roles()),
                        new java.util.TreeSet<>(u.tenants())))
            .toList();
    int before = engine.identity().users().size();
    try {
      engine
          .changeIdentity(new SeedIdentity(seedUsers, UsersFile.loadAuthorizations(usersFile)))
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Seeding the identity from " + usersFile + " failed", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Seeding the identity from " + usersFile + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while seeding the identity", e);
    }
    LOG.info(
        "Identity: {} users ({} added from {})",
        engine.identity().users().size(),
        engine.identity().users().size() - before,
        usersFile);
  }
}
