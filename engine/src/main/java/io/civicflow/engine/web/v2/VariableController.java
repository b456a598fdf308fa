package io.civicflow.engine.web.v2;

import io.civicflow.engine.access.AuthorizedReadModel;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.web.auth.CallerEngine;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.Searcher;
import io.civicflow.engine.web.v2.VariableSearch.VariableResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Searching and reading variables; values are JSON text. */
@RestController
@RequestMapping("/v2/variables")
public class VariableController {

  private final EngineApi engine;

  public VariableController(CallerEngine callerEngine) {
    this.engine = callerEngine.api();
  }

  @PostMapping("/search")
  public SearchResult<VariableResult> search(@RequestBody(required = false) SearchQuery query) {
    return Searcher.search(VariableSearch.INSTANCE, query, engine.readModel());
  }

  @GetMapping("/{variableKey}")
  public VariableResult get(@PathVariable long variableKey) {
    return VariableSearch.full(
        AuthorizedReadModel.get(
            engine.readModel(),
            model -> model.variable(variableKey),
            () -> EngineRejection.notFound("Variable with key '%d' not found", variableKey)));
  }
}
