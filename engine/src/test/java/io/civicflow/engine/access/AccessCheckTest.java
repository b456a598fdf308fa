package io.civicflow.engine.access;

import static io.civicflow.engine.access.PermissionType.CREATE_PROCESS_INSTANCE;
import static io.civicflow.engine.access.PermissionType.READ_PROCESS_INSTANCE;
import static io.civicflow.engine.access.ResourceType.PROCESS_DEFINITION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.web.auth.Identity;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one authorization decision: owners, wildcards, admins and tenants as Camunda 8.8. */
class AccessCheckTest {

  private static final AccessCheck CHECK =
      new AccessCheck(
          new FileAuthorizationSource(
              List.of(
                  grant(OwnerType.USER, "zhang", "order", CREATE_PROCESS_INSTANCE),
                  grant(OwnerType.GROUP, "clerks", "order", READ_PROCESS_INSTANCE),
                  grant(OwnerType.ROLE, "auditor", "*", READ_PROCESS_INSTANCE))));

  private static AuthorizationGrant grant(
      OwnerType type, String owner, String resourceId, PermissionType permission) {
    return new AuthorizationGrant(
        0, type, owner, PROCESS_DEFINITION, resourceId, Set.of(permission));
  }

  private static Identity user(String name, Set<String> groups, Set<String> roles) {
    return new Identity(name, name, groups, roles, Set.of());
  }

  @Test
  void aGrantToTheUserItsGroupsOrItsRolesCounts() {
    Identity zhang = user("zhang", Set.of("clerks"), Set.of());
    assertThat(CHECK.allows(zhang, PROCESS_DEFINITION, CREATE_PROCESS_INSTANCE, "order")).isTrue();
    assertThat(CHECK.allows(zhang, PROCESS_DEFINITION, READ_PROCESS_INSTANCE, "order")).isTrue();
    assertThat(CHECK.allows(zhang, PROCESS_DEFINITION, READ_PROCESS_INSTANCE, "invoice")).isFalse();
    assertThat(
            CHECK.allows(zhang, ResourceType.DECISION_DEFINITION, READ_PROCESS_INSTANCE, "order"))
        .isFalse();

    Identity auditor = user("li", Set.of(), Set.of("auditor"));
    assertThat(CHECK.allows(auditor, PROCESS_DEFINITION, READ_PROCESS_INSTANCE, "anything"))
        .isTrue();
    assertThat(CHECK.allows(auditor, PROCESS_DEFINITION, CREATE_PROCESS_INSTANCE, "order"))
        .isFalse();
  }

  @Test
  void aMissingPermissionIsCamundasForbidden() {
    Identity li = user("li", Set.of(), Set.of());
    assertThatThrownBy(
            () -> CHECK.require(li, PROCESS_DEFINITION, CREATE_PROCESS_INSTANCE, "order"))
        .isInstanceOfSatisfying(
            EngineRejection.class, e -> assertThat(e.type()).isEqualTo(RejectionType.FORBIDDEN))
        .hasMessage(
            "Insufficient permissions to perform operation 'CREATE_PROCESS_INSTANCE' on resource"
                + " 'PROCESS_DEFINITION', required resource identifiers are one of '[*, order]'");
  }

  @Test
  void groupOrRoleAdminMayDoEverythingInEveryTenant() {
    for (Identity admin :
        List.of(
            user("a", Set.of(Identity.ADMIN_GROUP), Set.of()),
            user("b", Set.of(), Set.of(Identity.ADMIN_GROUP)))) {
      assertThat(CHECK.allows(admin, ResourceType.SYSTEM, PermissionType.UPDATE, "*")).isTrue();
      assertThat(AccessCheck.inTenant(admin, "kunshan")).isTrue();
    }
  }

  @Test
  void aUserWithoutTenantsWorksInTheDefaultTenantOnly() {
    Identity plain = user("li", Set.of(), Set.of());
    assertThat(AccessCheck.inTenant(plain, "<default>")).isTrue();
    assertThat(AccessCheck.inTenant(plain, null)).isTrue();
    assertThat(AccessCheck.inTenant(plain, "kunshan")).isFalse();

    Identity kunshan = new Identity("k", "k", Set.of(), Set.of(), Set.of("kunshan"));
    assertThat(AccessCheck.inTenant(kunshan, "kunshan")).isTrue();
    assertThat(AccessCheck.inTenant(kunshan, "<default>")).isFalse();
    assertThatThrownBy(() -> AccessCheck.requireTenant(kunshan, "taicang", "Deploy"))
        .hasMessageContaining("tenant identifier 'taicang'")
        .hasMessageContaining("tenant is not authorized");
  }
}
