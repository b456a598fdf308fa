package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.access.AuthorizationGrant;
import io.civicflow.engine.access.IdentityDirectory.Entity;
import io.civicflow.engine.access.IdentityDirectory.MappingRule;
import io.civicflow.engine.access.IdentityDirectory.UserEntry;
import io.civicflow.engine.access.OwnerType;
import io.civicflow.engine.access.PermissionType;
import io.civicflow.engine.access.ResourceType;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchResource;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.SearchSchema;
import io.civicflow.engine.web.search.Searcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The identity resources in Camunda 8.8's JSON shapes, and their searches ({@code POST .../search}:
 * filter, sort, page as every other search; the records come from the engine's identity state).
 */
final class IdentitySearches {

  private IdentitySearches() {}

  public record UserResult(String username, String name, String email) {
    static UserResult of(UserEntry u) {
      return new UserResult(u.username(), u.name(), u.email());
    }
  }

  public record GroupResult(String name, String groupId, String description) {
    static GroupResult of(Entity e) {
      return new GroupResult(e.name(), e.id(), e.description());
    }
  }

  public record RoleResult(String name, String roleId, String description) {
    static RoleResult of(Entity e) {
      return new RoleResult(e.name(), e.id(), e.description());
    }
  }

  public record TenantResult(String name, String tenantId, String description) {
    static TenantResult of(Entity e) {
      return new TenantResult(e.name(), e.id(), e.description());
    }
  }

  public record MappingRuleResult(
      String claimName, String claimValue, String name, String mappingRuleId) {
    static MappingRuleResult of(MappingRule r) {
      return new MappingRuleResult(r.claimName(), r.claimValue(), r.name(), r.mappingRuleId());
    }
  }

  public record AuthorizationResult(
      String ownerId,
      OwnerType ownerType,
      ResourceType resourceType,
      String resourceId,
      List<PermissionType> permissionTypes,
      long authorizationKey) {
    static AuthorizationResult of(AuthorizationGrant g) {
      return new AuthorizationResult(
          g.ownerId(),
          g.ownerType(),
          g.resourceType(),
          g.resourceId(),
          g.permissions().stream().sorted().toList(),
          g.key());
    }
  }

  /** A member of a group, role or tenant that has only an id: {@code {"username": …}}. */
  public record UserMember(String username) {}

  public record GroupMember(String groupId) {}

  public record ClientMember(String clientId) {}

  static final SearchSchema<UserResult> USERS =
      SearchSchema.<UserResult>builder(
              "users", Comparator.comparing(UserResult::username), UserResult::username)
          .string("username", UserResult::username)
          .string("name", UserResult::name)
          .string("email", UserResult::email)
          .sortable("username", "name", "email")
          .build();

  static final SearchSchema<GroupResult> GROUPS =
      SearchSchema.<GroupResult>builder(
              "groups", Comparator.comparing(GroupResult::groupId), GroupResult::groupId)
          .string("groupId", GroupResult::groupId)
          .string("name", GroupResult::name)
          .sortable("name", "groupId")
          .build();

  static final SearchSchema<RoleResult> ROLES =
      SearchSchema.<RoleResult>builder(
              "roles", Comparator.comparing(RoleResult::roleId), RoleResult::roleId)
          .string("roleId", RoleResult::roleId)
          .string("name", RoleResult::name)
          .sortable("name", "roleId")
          .build();

  static final SearchSchema<TenantResult> TENANTS =
      SearchSchema.<TenantResult>builder(
              "tenants", Comparator.comparing(TenantResult::tenantId), TenantResult::tenantId)
          .string("tenantId", TenantResult::tenantId)
          .string("name", TenantResult::name)
          .sortable("name", "tenantId")
          .build();

  static final SearchSchema<MappingRuleResult> MAPPING_RULES =
      SearchSchema.<MappingRuleResult>builder(
              "mapping-rules",
              Comparator.comparing(MappingRuleResult::mappingRuleId),
              MappingRuleResult::mappingRuleId)
          .string("mappingRuleId", MappingRuleResult::mappingRuleId)
          .string("claimName", MappingRuleResult::claimName)
          .string("claimValue", MappingRuleResult::claimValue)
          .string("name", MappingRuleResult::name)
          .sortable("mappingRuleId", "claimName", "claimValue", "name")
          .build();

  static final SearchSchema<AuthorizationResult> AUTHORIZATIONS =
      SearchSchema.<AuthorizationResult>builder(
              "authorizations",
              Comparator.comparingLong(AuthorizationResult::authorizationKey),
              r -> Long.toString(r.authorizationKey()))
          .string("ownerId", AuthorizationResult::ownerId)
          .string("ownerType", r -> r.ownerType().name())
          .string("resourceType", r -> r.resourceType().name())
          .string("resourceId", AuthorizationResult::resourceId)
          .custom(IdentitySearches::resourceIds, "resourceIds")
          .sortable("ownerId", "ownerType", "resourceId", "resourceType")
          .build();

  static final SearchSchema<UserMember> USER_MEMBERS =
      SearchSchema.<UserMember>builder(
              "users", Comparator.comparing(UserMember::username), UserMember::username)
          .string("username", UserMember::username)
          .sortable("username")
          .build();

  static final SearchSchema<GroupMember> GROUP_MEMBERS =
      SearchSchema.<GroupMember>builder(
              "groups", Comparator.comparing(GroupMember::groupId), GroupMember::groupId)
          .string("groupId", GroupMember::groupId)
          .sortable("groupId")
          .build();

  static final SearchSchema<ClientMember> CLIENT_MEMBERS =
      SearchSchema.<ClientMember>builder(
              "clients", Comparator.comparing(ClientMember::clientId), ClientMember::clientId)
          .string("clientId", ClientMember::clientId)
          .sortable("clientId")
          .build();

  /** {@code resourceIds}: any of the listed ids. */
  private static Predicate<AuthorizationResult> resourceIds(
      java.util.Map<String, JsonNode> values,
      SearchSchema.FilterContext<AuthorizationResult> context) {
    JsonNode ids = values.get("resourceIds");
    if (SearchSchema.isEmpty(ids)) {
      return null;
    }
    Set<String> wanted = new HashSet<>();
    if (ids.isArray()) {
      ids.forEach(id -> wanted.add(id.asText()));
    } else {
      wanted.add(ids.asText());
    }
    return r -> wanted.contains(r.resourceId());
  }

  /** Runs a search over records already in their answer shape. */
  static <R> SearchResult<R> search(
      SearchSchema<R> schema, Collection<R> records, SearchQuery query, ReadModel readModel) {
    List<R> copy = new ArrayList<>(records);
    return Searcher.search(
        new SearchResource<R, R>() {
          @Override
          public SearchSchema<R> schema() {
            return schema;
          }

          @Override
          public Collection<R> candidates(ReadModel model, JsonNode filter) {
            return copy;
          }

          @Override
          public R render(R record) {
            return record;
          }
        },
        query,
        readModel);
  }
}
