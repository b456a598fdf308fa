package io.civicflow.engine.web.v2;

import static io.civicflow.engine.web.v2.IdentityGuard.requireAdministrator;

import io.civicflow.engine.access.IdentityDirectory;
import io.civicflow.engine.access.IdentityDirectory.Entity;
import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.api.Commands.AddMember;
import io.civicflow.engine.api.Commands.CreateEntity;
import io.civicflow.engine.api.Commands.DeleteEntity;
import io.civicflow.engine.api.Commands.RemoveMember;
import io.civicflow.engine.api.Commands.UpdateEntity;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.SearchSchema;
import io.civicflow.engine.web.v2.IdentitySearches.ClientMember;
import io.civicflow.engine.web.v2.IdentitySearches.GroupMember;
import io.civicflow.engine.web.v2.IdentitySearches.MappingRuleResult;
import io.civicflow.engine.web.v2.IdentitySearches.RoleResult;
import io.civicflow.engine.web.v2.IdentitySearches.UserMember;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * What {@code /v2/groups}, {@code /v2/roles} and {@code /v2/tenants} share: create, search, get,
 * update, delete, and assigning, unassigning and searching their members ({@code
 * /{id}/users/{username}}, {@code /{id}/groups/{groupId}}, … as each of Camunda's resources offers
 * them; any other member path is 404).
 *
 * @param <R> the resource's JSON shape ({@code GroupResult}, …)
 */
abstract class IdentityEntityController<R> {

  private static final Map<String, Kind> MEMBER_PATHS =
      Map.of(
          "users", Kind.USER,
          "groups", Kind.GROUP,
          "roles", Kind.ROLE,
          "mapping-rules", Kind.MAPPING_RULE,
          "clients", Kind.CLIENT);

  /** The body of a create or update: the id field is the resource's ({@code groupId}, …). */
  public record EntityRequest(
      String groupId, String roleId, String tenantId, String name, String description) {}

  private final EngineApi engine;
  private final Kind kind;
  private final SearchSchema<R> schema;
  private final Function<Entity, R> render;
  private final Set<Kind> assignable;
  private final Set<Kind> searchable;

  IdentityEntityController(
      EngineApi engine,
      Kind kind,
      SearchSchema<R> schema,
      Function<Entity, R> render,
      Set<Kind> assignable,
      Set<Kind> searchable) {
    this.engine = engine;
    this.kind = kind;
    this.schema = schema;
    this.render = render;
    this.assignable = assignable;
    this.searchable = searchable;
  }

  @PostMapping
  public ResponseEntity<R> create(HttpServletRequest request, @RequestBody EntityRequest body) {
    requireAdministrator(request);
    String id =
        switch (kind) {
          case GROUP -> body.groupId();
          case ROLE -> body.roleId();
          default -> body.tenantId();
        };
    Answers.await(
        engine.changeIdentity(new CreateEntity(kind, id, body.name(), body.description())));
    return ResponseEntity.status(HttpStatus.CREATED).body(find(id));
  }

  @PostMapping("/search")
  public SearchResult<R> search(
      HttpServletRequest request, @RequestBody(required = false) SearchQuery query) {
    requireAdministrator(request);
    return IdentitySearches.search(
        schema,
        engine.identity().entities(kind).values().stream().map(render).toList(),
        query,
        engine.readModel());
  }

  @GetMapping("/{id}")
  public R get(HttpServletRequest request, @PathVariable String id) {
    requireAdministrator(request);
    return find(id);
  }

  @PutMapping("/{id}")
  public R update(
      HttpServletRequest request, @PathVariable String id, @RequestBody EntityRequest body) {
    requireAdministrator(request);
    Answers.await(
        engine.changeIdentity(new UpdateEntity(kind, id, body.name(), body.description())));
    return find(id);
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(HttpServletRequest request, @PathVariable String id) {
    requireAdministrator(request);
    return Answers.noContent(engine.changeIdentity(new DeleteEntity(kind, id)));
  }

  @PutMapping("/{id}/{members}/{memberId}")
  public ResponseEntity<Void> assign(
      HttpServletRequest request,
      @PathVariable String id,
      @PathVariable String members,
      @PathVariable String memberId) {
    requireAdministrator(request);
    Kind member = memberKind(members, assignable);
    return Answers.noContent(engine.changeIdentity(new AddMember(kind, id, member, memberId)));
  }

  @DeleteMapping("/{id}/{members}/{memberId}")
  public ResponseEntity<Void> unassign(
      HttpServletRequest request,
      @PathVariable String id,
      @PathVariable String members,
      @PathVariable String memberId) {
    requireAdministrator(request);
    Kind member = memberKind(members, assignable);
    return Answers.noContent(engine.changeIdentity(new RemoveMember(kind, id, member, memberId)));
  }

  @PostMapping("/{id}/{members}/search")
  public SearchResult<?> searchMembers(
      HttpServletRequest request,
      @PathVariable String id,
      @PathVariable String members,
      @RequestBody(required = false) SearchQuery query) {
    requireAdministrator(request);
    Kind member = memberKind(members, searchable);
    find(id);
    IdentityDirectory d = engine.identity();
    return switch (member) {
      case USER ->
          search(
              IdentitySearches.USER_MEMBERS,
              d.members(kind, id, Kind.USER).stream().map(UserMember::new).toList(),
              query);
      case GROUP ->
          search(
              IdentitySearches.GROUP_MEMBERS,
              d.members(kind, id, Kind.GROUP).stream().map(GroupMember::new).toList(),
              query);
      case CLIENT ->
          search(
              IdentitySearches.CLIENT_MEMBERS,
              d.members(kind, id, Kind.CLIENT).stream().map(ClientMember::new).toList(),
              query);
      case MAPPING_RULE ->
          search(
              IdentitySearches.MAPPING_RULES,
              d.members(kind, id, Kind.MAPPING_RULE).stream()
                  .map(d.mappingRules()::get)
                  .filter(Objects::nonNull)
                  .map(MappingRuleResult::of)
                  .toList(),
              query);
      case ROLE ->
          // a group's roles are those it belongs to; a tenant's, its member roles
          search(
              IdentitySearches.ROLES,
              (kind == Kind.GROUP
                      ? List.copyOf(d.directly(Kind.GROUP, id, Kind.ROLE))
                      : d.members(kind, id, Kind.ROLE))
                  .stream()
                      .map(d.roles()::get)
                      .filter(Objects::nonNull)
                      .map(RoleResult::of)
                      .toList(),
              query);
      default -> throw new IllegalStateException(member.name());
    };
  }

  private <T> SearchResult<T> search(
      SearchSchema<T> memberSchema, Collection<T> records, SearchQuery query) {
    return IdentitySearches.search(memberSchema, records, query, engine.readModel());
  }

  private Kind memberKind(String members, Set<Kind> offered) {
    Kind member = MEMBER_PATHS.get(members);
    if (member == null || !offered.contains(member)) {
      throw EngineRejection.notFound(
          "No endpoint %s/{id}/%s", kind.name().toLowerCase() + "s", members);
    }
    return member;
  }

  private R find(String id) {
    Entity entity = engine.identity().entities(kind).get(id);
    if (entity == null) {
      throw EngineRejection.notFound(
          "%s with ID '%s' not found",
          kind.name().charAt(0) + kind.name().substring(1).toLowerCase(), id);
    }
    return render.apply(entity);
  }
}
