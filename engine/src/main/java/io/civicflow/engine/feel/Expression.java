package io.civicflow.engine.feel;

import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * A value in a model attribute: either static text, or a FEEL expression (text starting with {@code
 * =}, parsed once at deployment).
 */
public sealed interface Expression {

  /** The text as written in the model, with the leading {@code =} for FEEL. */
  String source();

  record Static(String value) implements Expression {
    @Override
    public String source() {
      return value;
    }
  }

  record Feel(String source, ParsedExpression parsed) implements Expression {
    @Override
    public String toString() {
      return source;
    }
  }
}
