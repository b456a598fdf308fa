package io.civicflow.engine.web.v2;

import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.web.v2.IdentitySearches.RoleResult;
import java.util.EnumSet;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v2/roles}: Camunda 8.8's roles and their members (see {@link IdentityEntityController}).
 */
@RestController
@RequestMapping("/v2/roles")
public class RoleController extends IdentityEntityController<RoleResult> {

  public RoleController(EngineApi engine) {
    super(
        engine,
        Kind.ROLE,
        IdentitySearches.ROLES,
        RoleResult::of,
        EnumSet.of(Kind.USER, Kind.GROUP, Kind.MAPPING_RULE, Kind.CLIENT),
        EnumSet.of(Kind.USER, Kind.GROUP, Kind.MAPPING_RULE, Kind.CLIENT));
  }
}
