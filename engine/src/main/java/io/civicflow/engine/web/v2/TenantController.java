package io.civicflow.engine.web.v2;

import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.web.v2.IdentitySearches.TenantResult;
import java.util.EnumSet;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v2/tenants}: Camunda 8.8's tenants and their members (see {@link
 * IdentityEntityController}).
 */
@RestController
@RequestMapping("/v2/tenants")
public class TenantController extends IdentityEntityController<TenantResult> {

  public TenantController(EngineApi engine) {
    super(
        engine,
        Kind.TENANT,
        IdentitySearches.TENANTS,
        TenantResult::of,
        EnumSet.of(Kind.USER, Kind.GROUP, Kind.ROLE, Kind.MAPPING_RULE, Kind.CLIENT),
        EnumSet.of(Kind.USER, Kind.GROUP, Kind.ROLE, Kind.MAPPING_RULE, Kind.CLIENT));
  }
}
