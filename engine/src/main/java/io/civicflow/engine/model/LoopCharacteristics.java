package io.civicflow.engine.model;

import io.civicflow.engine.feel.Expression;

/**
 * {@code multiInstanceLoopCharacteristics} with {@code zeebe:loopCharacteristics}.
 *
 * @param inputElement local variable of each instance holding its item, or null
 * @param outputCollection variable of the body collecting the outputs, or null
 * @param outputElement FEEL evaluated in each completing instance, or null
 * @param outputElementVariable the variable {@code outputElement} reads when it is a plain variable
 *     reference (created as a local variable of each instance), else null
 * @param completionCondition FEEL evaluated when an instance completes, or null
 */
public record LoopCharacteristics(
    boolean sequential,
    Expression inputCollection,
    String inputElement,
    String outputCollection,
    Expression outputElement,
    String outputElementVariable,
    Expression completionCondition) {}
