package io.civicflow.engine.web.v2;

import io.civicflow.engine.access.AuthorizedReadModel;
import io.civicflow.engine.api.Commands.SetVariables;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.web.auth.CallerEngine;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.Searcher;
import io.civicflow.engine.web.v2.ElementInstanceSearch.ElementInstanceResult;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Searching and reading element instances, and setting variables in an element instance's scope.
 */
@RestController
@RequestMapping("/v2/element-instances")
public class ElementInstanceController {

  private final EngineApi engine;

  public ElementInstanceController(CallerEngine callerEngine) {
    this.engine = callerEngine.api();
  }

  /**
   * Camunda's SetVariableRequest; {@code local} defaults to false (variables propagate upwards).
   */
  public record SetVariableRequest(
      Map<String, Object> variables, Boolean local, Long operationReference) {}

  @PostMapping("/search")
  public SearchResult<ElementInstanceResult> search(
      @RequestBody(required = false) SearchQuery query) {
    return Searcher.search(ElementInstanceSearch.INSTANCE, query, engine.readModel());
  }

  @GetMapping("/{elementInstanceKey}")
  public ElementInstanceResult get(@PathVariable long elementInstanceKey) {
    return ElementInstanceSearch.of(
        AuthorizedReadModel.get(
            engine.readModel(),
            model -> model.elementInstance(elementInstanceKey),
            () ->
                EngineRejection.notFound(
                    "Element instance with key '%d' not found", elementInstanceKey)));
  }

  public record AdHocActivationRequest(
      List<AdHocActivityReference> elements, Boolean cancelRemainingInstances) {}

  public record AdHocActivityReference(String elementId, Map<String, Object> variables) {}

  /** Camunda's ad-hoc activation: activates inner elements of an active ad-hoc sub-process. */
  @PostMapping("/ad-hoc-activities/{adHocSubProcessInstanceKey}/activation")
  public ResponseEntity<Void> activateAdHocActivities(
      @PathVariable long adHocSubProcessInstanceKey, @RequestBody AdHocActivationRequest body) {
    List<AdHocActivityReference> elements = Requests.require(body.elements(), "elements");
    return Answers.noContent(
        engine.activateAdHocActivities(
            new io.civicflow.engine.api.Commands.ActivateAdHocActivities(
                adHocSubProcessInstanceKey,
                elements.stream()
                    .map(
                        e ->
                            new io.civicflow.engine.api.Commands.AdHocActivity(
                                Requests.requireText(e.elementId(), "elementId"),
                                Requests.variables(e.variables())))
                    .toList(),
                Boolean.TRUE.equals(body.cancelRemainingInstances()))));
  }

  /** The key may also be a process instance key (the process's own scope). */
  @PutMapping("/{elementInstanceKey}/variables")
  public ResponseEntity<Void> setVariables(
      @PathVariable long elementInstanceKey, @RequestBody SetVariableRequest body) {
    Map<String, Object> variables = Requests.require(body.variables(), "variables");
    return Answers.noContent(
        engine.setVariables(
            new SetVariables(elementInstanceKey, variables, Boolean.TRUE.equals(body.local()))));
  }
}
