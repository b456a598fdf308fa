package io.civicflow.engine.dmn;

import io.civicflow.engine.dmn.DecisionOutcome.EvaluatedDecision;
import io.civicflow.engine.dmn.DecisionOutcome.EvaluatedInput;
import io.civicflow.engine.dmn.DecisionOutcome.EvaluatedOutput;
import io.civicflow.engine.dmn.DecisionOutcome.MatchedRule;
import io.civicflow.engine.feel.EvaluationLimits;
import io.civicflow.engine.feel.GuardedInterpreter;
import io.civicflow.engine.json.JsonValues;
import io.civicflow.engine.model.InvalidModelException;
import io.civicflow.engine.model.ModelProblem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.dmn.Audit;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedDecision;
import org.camunda.dmn.parser.ParsedDecisionLogic;
import org.camunda.dmn.parser.ParsedDecisionTable;
import org.camunda.dmn.parser.ParsedDmn;
import org.camunda.dmn.parser.ParsedLiteralExpression;
import org.camunda.dmn.parser.ParsedRule;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;

/**
 * DMN with the Apache-2.0 Scala DMN engine (decision tables with every hit policy, literal
 * expressions, decision requirements graphs), reading {@code now()} from the engine clock. Parsed
 * graphs are cached by their deployment key; the engine is the only class that sees DMN XML.
 */
public final class DecisionEngine {

  public static final String DECISION_TABLE = "DECISION_TABLE";
  public static final String LITERAL_EXPRESSION = "LITERAL_EXPRESSION";
  public static final String UNSPECIFIED = "UNSPECIFIED";

  private record Cached(String checksum, ParsedDmn dmn) {}

  private final DmnEngine dmn;
  private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

  private final EvaluationLimits limits;

  public DecisionEngine(InstantSource clock) {
    this(clock, EvaluationLimits.defaults());
  }

  /**
   * With a budget for each evaluation of a decision and everything it requires ({@link
   * GuardedInterpreter}, put into the DMN engine's own FEEL engine).
   */
  public DecisionEngine(InstantSource clock, EvaluationLimits limits) {
    this.limits = limits;
    this.dmn =
        new DmnEngine.Builder()
            .clock(() -> ZonedDateTime.ofInstant(clock.instant(), ZoneId.systemDefault()))
            .build();
    GuardedInterpreter.install(dmn.feelEngine());
  }

  /** Parses and validates a DMN resource (every FEEL expression in it must parse). */
  public DecisionRequirements parse(String resourceName, byte[] xml) throws InvalidModelException {
    ParsedDmn parsed = parseDmn(resourceName, xml);
    Definitions definitions = parsed.model().getDefinitions();
    List<DecisionRequirements.Decision> decisions = new ArrayList<>();
    Map<String, ParsedDecision> byId = CollectionConverters.asJava(parsed.decisionsById());
    for (Decision element : parsed.model().getModelElementsByType(Decision.class)) {
      ParsedDecision decision = byId.get(element.getId());
      if (decision == null) {
        continue;
      }
      decisions.add(
          new DecisionRequirements.Decision(
              decision.id(),
              decision.name(),
              type(decision.logic()),
              versionTag(parsed, decision.id())));
    }
    if (decisions.isEmpty()) {
      throw new InvalidModelException(resourceName, "contains no decision");
    }
    Set<String> ids = new HashSet<>();
    for (DecisionRequirements.Decision decision : decisions) {
      if (!ids.add(decision.id())) {
        throw new InvalidModelException(
            resourceName, "declares the decision id '" + decision.id() + "' twice");
      }
    }
    String id =
        definitions.getId() == null || definitions.getId().isBlank()
            ? decisions.get(0).id()
            : definitions.getId();
    String name = definitions.getName() == null ? id : definitions.getName();
    return new DecisionRequirements(id, name, List.copyOf(decisions));
  }

  /**
   * Evaluates a decision of a deployed graph with the given variables. Never throws for a problem
   * of the model or the data: that is a failed outcome.
   */
  public DecisionOutcome evaluate(
      long requirementsKey,
      String checksum,
      String xml,
      String decisionId,
      Map<String, Object> variables) {
    ParsedDmn parsed;
    try {
      parsed = parsed(requirementsKey, checksum, xml);
    } catch (InvalidModelException e) {
      return new DecisionOutcome("null", List.of(), e.getMessage(), decisionId);
    }
    Either<DmnEngine.EvalFailure, DmnEngine.EvalResult> result;
    try (GuardedInterpreter.Budget budget = GuardedInterpreter.open(limits)) {
      try {
        result = dmn.eval(parsed, decisionId, variables);
      } catch (RuntimeException e) {
        result = null;
        if (budget.exceeded() == null) {
          return new DecisionOutcome("null", List.of(), "failed to evaluate: " + e, decisionId);
        }
      }
      if (budget.exceeded() != null) {
        return new DecisionOutcome(
            "null",
            List.of(),
            "failed to evaluate decision '" + decisionId + "': " + budget.exceeded(),
            decisionId);
      }
    }
    if (result.isRight()) {
      DmnEngine.EvalResult value = result.toOption().get();
      try {
        String output = value.isNil() ? "null" : DmnValues.jsonOf(value.value());
        return new DecisionOutcome(
            output, evaluated(parsed, value.auditLog(), decisionId), null, null);
      } catch (JsonValues.UnstorableValueException unstorable) {
        return new DecisionOutcome(
            "null", List.of(), "failed to evaluate: " + unstorable.getMessage(), decisionId);
      }
    }
    DmnEngine.EvalFailure failure = result.swap().toOption().get();
    List<EvaluatedDecision> evaluated;
    try {
      evaluated = evaluated(parsed, failure.auditLog(), decisionId);
    } catch (JsonValues.UnstorableValueException unstorable) {
      evaluated = List.of();
    }
    return new DecisionOutcome(
        "null",
        evaluated,
        failure.failure().message(),
        failedDecision(parsed, decisionId, evaluated));
  }

  private ParsedDmn parsed(long key, String checksum, String xml) throws InvalidModelException {
    Cached cached = cache.get(key);
    if (cached != null && cached.checksum().equals(checksum)) {
      return cached.dmn();
    }
    ParsedDmn parsed =
        parseDmn("decision requirements " + key, xml.getBytes(StandardCharsets.UTF_8));
    cache.put(key, new Cached(checksum, parsed));
    return parsed;
  }

  private ParsedDmn parseDmn(String resourceName, byte[] xml) throws InvalidModelException {
    return parsedByContent.get(xml, () -> parseUncached(resourceName, xml));
  }

  /**
   * Unchanged DMN is parsed once (redeploys on start-up, after every purge, and for evaluation).
   */
  private final io.civicflow.engine.model.ParseCache<ParsedDmn> parsedByContent =
      new io.civicflow.engine.model.ParseCache<>(256);

  private ParsedDmn parseUncached(String resourceName, byte[] xml) throws InvalidModelException {
    try {
      // read once with the DMN model alone: its schema errors name the line and the element, which
      // the
      // DMN engine's own message ("Unable to parse model") hides
      org.camunda.bpm.model.dmn.Dmn.readModelFromStream(new ByteArrayInputStream(xml));
    } catch (RuntimeException e) {
      throw new InvalidModelException(resourceName, "not a valid DMN model: " + rootMessage(e));
    }
    Either<DmnEngine.Failure, ParsedDmn> parsed;
    try {
      parsed = dmn.parse(new ByteArrayInputStream(xml));
    } catch (RuntimeException e) {
      throw new InvalidModelException(resourceName, "not a readable DMN model: " + e.getMessage());
    }
    if (parsed.isLeft()) {
      String message = parsed.swap().toOption().get().message();
      throw new InvalidModelException(
          resourceName, List.of(new ModelProblem("?", "definitions", "invalid DMN: " + message)));
    }
    return parsed.toOption().get();
  }

  private static String type(ParsedDecisionLogic logic) {
    if (logic instanceof ParsedDecisionTable) {
      return DECISION_TABLE;
    }
    if (logic instanceof ParsedLiteralExpression) {
      return LITERAL_EXPRESSION;
    }
    return UNSPECIFIED;
  }

  /** {@code <zeebe:versionTag value="…"/>} in the decision's extension elements, if any. */
  private static String versionTag(ParsedDmn parsed, String decisionId) {
    Decision decision = parsed.model().getModelElementById(decisionId);
    if (decision == null || decision.getExtensionElements() == null) {
      return null;
    }
    for (DomElement child : decision.getExtensionElements().getDomElement().getChildElements()) {
      if ("versionTag".equals(child.getLocalName())) {
        String value = child.getAttribute("value");
        return value == null || value.isBlank() ? null : value;
      }
    }
    return null;
  }

  private static List<EvaluatedDecision> evaluated(
      ParsedDmn parsed, Audit.AuditLog log, String calledId) {
    Map<String, ParsedDecision> decisions = CollectionConverters.asJava(parsed.decisionsById());
    Map<String, EvaluatedDecision> byId = new LinkedHashMap<>();
    for (Audit.AuditLogEntry entry : CollectionConverters.asJava(log.entries())) {
      ParsedDecision decision = decisions.get(entry.id());
      if (decision == null) {
        continue; // business knowledge models are not decisions
      }
      byId.put(entry.id(), describe(decision, entry));
    }
    List<EvaluatedDecision> ordered = new ArrayList<>();
    byId.forEach(
        (id, d) -> {
          if (!id.equals(calledId)) {
            ordered.add(d);
          }
        });
    if (byId.containsKey(calledId)) {
      ordered.add(byId.get(calledId));
    }
    return ordered;
  }

  private static EvaluatedDecision describe(ParsedDecision decision, Audit.AuditLogEntry entry) {
    List<EvaluatedInput> inputs = new ArrayList<>();
    List<MatchedRule> rules = new ArrayList<>();
    String output = "null";
    Audit.EvaluationResult result = entry.result();
    if (result instanceof Audit.DecisionTableEvaluationResult table) {
      for (Audit.EvaluatedInput input : CollectionConverters.asJava(table.inputs())) {
        inputs.add(
            new EvaluatedInput(
                input.input().id(), input.input().name(), DmnValues.json(input.value())));
      }
      List<ParsedRule> all = new ArrayList<>();
      if (decision.logic() instanceof ParsedDecisionTable parsedTable) {
        CollectionConverters.asJava(parsedTable.rules()).forEach(all::add);
      }
      for (Audit.EvaluatedRule rule : CollectionConverters.asJava(table.matchedRules())) {
        List<EvaluatedOutput> outputs = new ArrayList<>();
        for (Audit.EvaluatedOutput out : CollectionConverters.asJava(rule.outputs())) {
          outputs.add(
              new EvaluatedOutput(
                  out.output().id(), out.output().name(), DmnValues.json(out.value())));
        }
        int index = 0;
        for (int i = 0; i < all.size(); i++) {
          if (all.get(i).id().equals(rule.rule().id())) {
            index = i + 1;
          }
        }
        rules.add(new MatchedRule(rule.rule().id(), index, List.copyOf(outputs)));
      }
      output = DmnValues.json(table.result());
    } else if (result instanceof Audit.SingleEvaluationResult single) {
      output = DmnValues.json(single.result());
    } else if (result instanceof Audit.ContextEvaluationResult context) {
      output = DmnValues.json(context.result());
    }
    return new EvaluatedDecision(
        decision.id(),
        decision.name(),
        type(decision.logic()),
        output,
        List.copyOf(inputs),
        List.copyOf(rules));
  }

  /** The first decision (required ones first, depth first) that has no evaluation in the log. */
  private static String failedDecision(
      ParsedDmn parsed, String calledId, List<EvaluatedDecision> evaluated) {
    Set<String> done = new HashSet<>();
    evaluated.forEach(d -> done.add(d.decisionId()));
    ParsedDecision called = CollectionConverters.asJava(parsed.decisionsById()).get(calledId);
    if (called == null) {
      return calledId;
    }
    String failed = firstMissing(called, done, new HashSet<>());
    return failed == null ? calledId : failed;
  }

  private static String firstMissing(
      ParsedDecision decision, Set<String> done, Set<String> visited) {
    if (!visited.add(decision.id())) {
      return null;
    }
    for (ParsedDecision required : CollectionConverters.asJava(decision.requiredDecisions())) {
      String missing = firstMissing(required, done, visited);
      if (missing != null) {
        return missing;
      }
    }
    return done.contains(decision.id()) ? null : decision.id();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
