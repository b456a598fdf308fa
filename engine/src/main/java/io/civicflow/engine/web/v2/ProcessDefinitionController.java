package io.civicflow.engine.web.v2;

import io.civicflow.engine.access.AuthorizedReadModel;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.query.Records.ProcessDefinitionRecord;
import io.civicflow.engine.web.auth.CallerEngine;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.Searcher;
import io.civicflow.engine.web.v2.ProcessDefinitionSearch.ProcessDefinitionResult;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Searching deployed process definitions, reading one, its BPMN XML and its start form. */
@RestController
@RequestMapping("/v2/process-definitions")
public class ProcessDefinitionController {

  private static final MediaType TEXT_XML_UTF8 =
      new MediaType("text", "xml", StandardCharsets.UTF_8);

  private final EngineApi engine;

  public ProcessDefinitionController(CallerEngine callerEngine) {
    this.engine = callerEngine.api();
  }

  @PostMapping("/search")
  public SearchResult<ProcessDefinitionResult> search(
      @RequestBody(required = false) SearchQuery query) {
    return Searcher.search(ProcessDefinitionSearch.INSTANCE, query, engine.readModel());
  }

  @GetMapping("/{processDefinitionKey}")
  public ProcessDefinitionResult get(@PathVariable long processDefinitionKey) {
    return ProcessDefinitionSearch.of(find(processDefinitionKey));
  }

  /**
   * The BPMN XML as {@code text/xml}, whatever the {@code Accept} header says (the Java client asks
   * for JSON and reads the body as text).
   */
  @GetMapping("/{processDefinitionKey}/xml")
  public ResponseEntity<String> xml(@PathVariable long processDefinitionKey) {
    return ResponseEntity.ok()
        .contentType(TEXT_XML_UTF8)
        .body(find(processDefinitionKey).bpmnXml());
  }

  /** The start form linked on the none start event, or 204 when it links no deployed form. */
  @GetMapping("/{processDefinitionKey}/form")
  public ResponseEntity<FormResults.FormResult> form(@PathVariable long processDefinitionKey) {
    find(processDefinitionKey);
    return engine
        .readModel()
        .startForm(processDefinitionKey)
        .map(form -> ResponseEntity.ok(FormResults.of(form)))
        .orElseGet(() -> ResponseEntity.noContent().build());
  }

  private ProcessDefinitionRecord find(long processDefinitionKey) {
    return AuthorizedReadModel.get(
        engine.readModel(),
        model -> model.processDefinition(processDefinitionKey),
        () ->
            EngineRejection.notFound(
                "Process definition with key '%d' not found", processDefinitionKey));
  }
}
