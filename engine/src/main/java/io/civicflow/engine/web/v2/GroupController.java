package io.civicflow.engine.web.v2;

import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.web.v2.IdentitySearches.GroupResult;
import java.util.EnumSet;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v2/groups}: Camunda 8.8's groups and their members (see {@link
 * IdentityEntityController}).
 */
@RestController
@RequestMapping("/v2/groups")
public class GroupController extends IdentityEntityController<GroupResult> {

  public GroupController(EngineApi engine) {
    super(
        engine,
        Kind.GROUP,
        IdentitySearches.GROUPS,
        GroupResult::of,
        EnumSet.of(Kind.USER, Kind.MAPPING_RULE, Kind.CLIENT),
        EnumSet.of(Kind.USER, Kind.MAPPING_RULE, Kind.CLIENT, Kind.ROLE));
  }
}
