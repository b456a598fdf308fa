package io.civicflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.EngineConfig.SnapshotPolicy;
import io.civicflow.engine.access.AuthorizationGrant;
import io.civicflow.engine.access.IdentityDirectory;
import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.access.IdentityDirectory.Membership;
import io.civicflow.engine.access.OwnerType;
import io.civicflow.engine.access.PermissionType;
import io.civicflow.engine.access.ResourceType;
import io.civicflow.engine.api.Commands.AddMember;
import io.civicflow.engine.api.Commands.CreateAuthorization;
import io.civicflow.engine.api.Commands.CreateEntity;
import io.civicflow.engine.api.Commands.CreateMappingRule;
import io.civicflow.engine.api.Commands.CreateUser;
import io.civicflow.engine.api.Commands.DeleteAuthorization;
import io.civicflow.engine.api.Commands.DeleteEntity;
import io.civicflow.engine.api.Commands.DeleteUser;
import io.civicflow.engine.api.Commands.IdentityCommand;
import io.civicflow.engine.api.Commands.RemoveMember;
import io.civicflow.engine.api.Commands.SeedIdentity;
import io.civicflow.engine.api.Commands.SeedUser;
import io.civicflow.engine.api.Commands.UpdateAuthorization;
import io.civicflow.engine.api.Commands.UpdateEntity;
import io.civicflow.engine.api.Commands.UpdateMappingRule;
import io.civicflow.engine.api.Commands.UpdateUser;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users, groups, roles, tenants, mapping rules, memberships and authorizations as engine state:
 * journaled, kept by restarts, snapshots and purges, seeded once from the users file.
 */
class IdentityStateTest {

  private static final String HASH = "$2a$10$" + "a".repeat(53);

  @TempDir Path dataDirectory;

  private EngineConfig config(SnapshotPolicy snapshots) {
    return new EngineConfig(
            dataDirectory,
            true,
            true,
            Duration.ofSeconds(2),
            InstantSource.fixed(Instant.parse("2025-08-01T09:00:00Z")))
        .withSnapshots(snapshots);
  }

  private EngineConfig config() {
    return config(SnapshotPolicy.everyRecords(100_000));
  }

  private static SeedIdentity file(SeedUser... users) {
    return new SeedIdentity(
        List.of(users),
        List.of(
            new AuthorizationGrant(
                0,
                OwnerType.GROUP,
                "district-office",
                ResourceType.PROCESS_DEFINITION,
                "*",
                Set.of(PermissionType.READ_USER_TASK))));
  }

  private static SeedUser user(String name, Set<String> groups, Set<String> tenants) {
    return new SeedUser(name, name + " display", null, HASH, groups, Set.of(), tenants);
  }

  @Test
  void seedsTheFileOnceAndNeverUndoesWhatTheApiChanged() throws Exception {
    try (Engine engine = Engine.start(config())) {
      engine
          .changeIdentity(
              file(
                  user("demo", Set.of("admin"), Set.of()),
                  user("district1", Set.of("district-office"), Set.of("kunshan"))))
          .get();
      IdentityDirectory d = engine.identity();
      assertThat(d.users()).containsOnlyKeys("demo", "district1");
      assertThat(d.groups()).containsOnlyKeys("admin", "district-office");
      assertThat(d.roles()).containsOnlyKeys("admin");
      assertThat(d.tenants()).containsOnlyKeys("<default>", "kunshan");
      assertThat(d.rolesOf("demo")).as("group admin holds role admin").containsExactly("admin");
      assertThat(d.tenantsOf("district1")).containsExactly("kunshan");
      assertThat(d.grantsOf(OwnerType.GROUP, "district-office"))
          .singleElement()
          .satisfies(g -> assertThat(g.key()).isPositive());

      engine.changeIdentity(new DeleteUser("demo")).get();
      engine.changeIdentity(new UpdateUser("district1", "Zhang Wei", null, null)).get();
    }

    try (Engine engine = Engine.start(config())) {
      // the next start seeds the same file and one new user
      engine
          .changeIdentity(
              file(
                  new SeedUser("demo", "demo", null, HASH, Set.of("admin"), Set.of(), Set.of()),
                  new SeedUser(
                      "district1",
                      "from the file",
                      null,
                      HASH,
                      Set.of("district-office"),
                      Set.of(),
                      Set.of("kunshan")),
                  user("district2", Set.of("district-office"), Set.of())))
          .get();
      IdentityDirectory d = engine.identity();
      assertThat(d.users()).as("demo stays deleted").containsOnlyKeys("district1", "district2");
      assertThat(d.users().get("district1").name()).isEqualTo("Zhang Wei");
      assertThat(d.groupsOf("district2")).containsExactly("district-office");
      assertThat(d.authorizations()).hasSize(1);
    }
  }

  @Test
  void survivesARestartFromASnapshotAndAPurge() throws Exception {
    IdentityDirectory before;
    try (Engine engine = Engine.start(config(SnapshotPolicy.everyRecords(3)))) {
      change(engine, new CreateUser("li", "Li Na", "li@example.gov.cn", HASH));
      change(engine, new CreateEntity(Kind.GROUP, "station", "街镇站", null));
      change(engine, new CreateEntity(Kind.ROLE, "station-head", "站长", "heads"));
      change(engine, new CreateEntity(Kind.TENANT, "taicang", "太仓", null));
      change(engine, new CreateMappingRule("ks", "department", "kunshan", "Kunshan"));
      change(engine, new AddMember(Kind.GROUP, "station", Kind.USER, "li"));
      change(engine, new AddMember(Kind.ROLE, "station-head", Kind.GROUP, "station"));
      change(engine, new AddMember(Kind.TENANT, "taicang", Kind.ROLE, "station-head"));
      change(engine, new AddMember(Kind.TENANT, "taicang", Kind.CLIENT, "dispatcher"));
      engine
          .changeIdentity(
              new CreateAuthorization(
                  OwnerType.ROLE,
                  "station-head",
                  ResourceType.PROCESS_DEFINITION,
                  "dispatch",
                  List.of(PermissionType.UPDATE_USER_TASK, PermissionType.READ_USER_TASK)))
          .get();
      before = engine.identity();
      assertThat(before.tenantsOf("li")).as("through group and role").containsExactly("taicang");
    }

    try (Engine engine = Engine.start(config(SnapshotPolicy.everyRecords(3)))) {
      assertThat(engine.recovery().snapshotPosition()).isNotNull();
      assertThat(engine.identity()).isEqualTo(before);
      engine.purge().get();
      assertThat(engine.identity()).as("a purge keeps the identity").isEqualTo(before);
    }

    try (Engine engine = Engine.start(config())) {
      assertThat(engine.identity()).as("and so does the journal a purge starts").isEqualTo(before);
    }
  }

  @Test
  void refusesAsCamundaDoesAndDeletesWhatHangsOnAnEntity() throws Exception {
    try (Engine engine = Engine.start(config())) {
      change(engine, new CreateUser("li", null, null, HASH));
      change(engine, new CreateEntity(Kind.GROUP, "station", "街镇站", null));
      change(engine, new AddMember(Kind.GROUP, "station", Kind.USER, "li"));
      engine
          .changeIdentity(
              new CreateAuthorization(
                  OwnerType.GROUP,
                  "station",
                  ResourceType.MESSAGE,
                  "*",
                  List.of(PermissionType.CREATE)))
          .get();

      assertThat(refusal(engine, new CreateUser("li", null, null, HASH)))
          .isEqualTo(RejectionType.ALREADY_EXISTS);
      assertThat(refusal(engine, new CreateUser("li:x", null, null, HASH)))
          .isEqualTo(RejectionType.INVALID_ARGUMENT);
      assertThat(refusal(engine, new AddMember(Kind.GROUP, "station", Kind.USER, "li")))
          .isEqualTo(RejectionType.ALREADY_EXISTS);
      assertThat(refusal(engine, new AddMember(Kind.GROUP, "nowhere", Kind.USER, "li")))
          .isEqualTo(RejectionType.NOT_FOUND);
      assertThat(refusal(engine, new AddMember(Kind.GROUP, "station", Kind.USER, "nobody")))
          .isEqualTo(RejectionType.NOT_FOUND);
      assertThat(refusal(engine, new AddMember(Kind.GROUP, "station", Kind.ROLE, "admin")))
          .as("a group has no roles as members")
          .isEqualTo(RejectionType.INVALID_ARGUMENT);
      assertThat(
              refusal(
                  engine,
                  new CreateAuthorization(
                      OwnerType.USER,
                      "li",
                      ResourceType.MESSAGE,
                      "*",
                      List.of(PermissionType.READ_USER_TASK))))
          .isEqualTo(RejectionType.INVALID_ARGUMENT);
      assertThat(refusal(engine, new DeleteEntity(Kind.ROLE, "nowhere")))
          .isEqualTo(RejectionType.NOT_FOUND);

      change(engine, new DeleteEntity(Kind.GROUP, "station"));
      IdentityDirectory d = engine.identity();
      assertThat(d.memberships())
          .doesNotContain(new Membership(Kind.GROUP, "station", Kind.USER, "li"));
      assertThat(d.authorizations()).isEmpty();
      assertThat(d.users()).containsOnlyKeys("li");
    }
  }

  @Test
  void refusesMappingRulesTenantsAndAuthorizationsWithoutWritingAnything() throws Exception {
    try (Engine engine = Engine.start(config())) {
      change(engine, new CreateMappingRule("civil", "dept", "civil", "民政"));
      IdentityDirectory before = engine.identity();

      assertThat(refusal(engine, new CreateMappingRule("civil2", "dept", "civil", "民政")))
          .as("the same claim twice")
          .isEqualTo(RejectionType.ALREADY_EXISTS);
      assertThat(refusal(engine, new CreateMappingRule("other", "dept", " ", "民政")))
          .isEqualTo(RejectionType.INVALID_ARGUMENT);
      assertThat(refusal(engine, new UpdateMappingRule("nowhere", "dept", "x", "x")))
          .isEqualTo(RejectionType.NOT_FOUND);
      assertThat(refusal(engine, new CreateEntity(Kind.TENANT, "a tenant id", "租户", null)))
          .isEqualTo(RejectionType.INVALID_ARGUMENT);
      assertThat(refusal(engine, new UpdateEntity(Kind.GROUP, "nowhere", "x", null)))
          .isEqualTo(RejectionType.NOT_FOUND);
      assertThat(refusal(engine, new RemoveMember(Kind.ROLE, "admin", Kind.MAPPING_RULE, "civil")))
          .as("not a member")
          .isEqualTo(RejectionType.NOT_FOUND);
      assertThat(
              refusal(
                  engine,
                  new CreateAuthorization(
                      OwnerType.MAPPING_RULE, "civil", null, "*", List.of(PermissionType.READ))))
          .isEqualTo(RejectionType.INVALID_ARGUMENT);
      assertThat(
              refusal(
                  engine,
                  new UpdateAuthorization(
                      42,
                      OwnerType.MAPPING_RULE,
                      "civil",
                      ResourceType.MESSAGE,
                      "*",
                      List.of(PermissionType.READ))))
          .isEqualTo(RejectionType.NOT_FOUND);
      assertThat(refusal(engine, new DeleteAuthorization(42))).isEqualTo(RejectionType.NOT_FOUND);

      assertThat(engine.identity()).as("nothing written").isEqualTo(before);
    }
  }

  private static void change(Engine engine, IdentityCommand command) throws Exception {
    engine.changeIdentity(command).get();
  }

  private static RejectionType refusal(Engine engine, IdentityCommand command) {
    Throwable failure = catchThrowable(() -> engine.changeIdentity(command).get());
    assertThat(failure).isInstanceOf(ExecutionException.class);
    return ((EngineRejection) failure.getCause()).type();
  }
}
