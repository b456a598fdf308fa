package io.civicflow.engine.web.v2;

import io.civicflow.engine.access.AuthorizedReadModel;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.web.auth.CallerEngine;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.Searcher;
import io.civicflow.engine.web.v2.IncidentSearch.IncidentResult;
import io.civicflow.engine.web.v2.Requests.OperationReference;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Searching, reading and resolving incidents. */
@RestController
@RequestMapping("/v2/incidents")
public class IncidentController {

  private final EngineApi engine;

  public IncidentController(CallerEngine callerEngine) {
    this.engine = callerEngine.api();
  }

  @PostMapping("/search")
  public SearchResult<IncidentResult> search(@RequestBody(required = false) SearchQuery query) {
    return Searcher.search(IncidentSearch.INSTANCE, query, engine.readModel());
  }

  @GetMapping("/{incidentKey}")
  public IncidentResult get(@PathVariable long incidentKey) {
    return IncidentSearch.of(
        AuthorizedReadModel.get(
            engine.readModel(),
            model -> model.incident(incidentKey),
            () -> EngineRejection.notFound("Incident with key '%d' not found", incidentKey)));
  }

  @PostMapping("/{incidentKey}/resolution")
  public ResponseEntity<Void> resolve(
      @PathVariable long incidentKey, @RequestBody(required = false) OperationReference body) {
    return Answers.noContent(engine.resolveIncident(incidentKey));
  }
}
