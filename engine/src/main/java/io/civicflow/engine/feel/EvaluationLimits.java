package io.civicflow.engine.feel;

import java.time.Duration;

/**
 * What one FEEL evaluation (an expression, or one DMN decision with everything it requires) may
 * cost on the processing thread, so a runaway expression becomes an incident instead of stalling
 * every other command or exhausting the heap.
 *
 * @param timeLimit how long the evaluation may take, on the wall clock and in CPU time of the
 *     processing thread both (so waiting for a core on a busy machine does not count; {@code
 *     civicflow.engine.evaluation.time-limit}, default 500 ms)
 * @param maxItems list items the evaluation may create in all: ranges ({@code 1..n}, counted before
 *     they are built), the combinations of a {@code for}/{@code some}/{@code every} over several
 *     lists (counted before they are built), and the lists built by functions, filters, list
 *     literals and {@code for} ({@code civicflow.engine.evaluation.max-items}, default 1,000,000)
 * @param maxStringLength characters of the strings the evaluation builds (concatenation, string
 *     functions), in all ({@code civicflow.engine.evaluation.max-string-length}, default
 *     10,000,000)
 */
public record EvaluationLimits(Duration timeLimit, long maxItems, long maxStringLength) {

  public EvaluationLimits {
    if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("the evaluation time limit must be positive");
    }
    if (maxItems < 1 || maxStringLength < 1) {
      throw new IllegalArgumentException("the evaluation size limits must be positive");
    }
  }

  public static EvaluationLimits defaults() {
    return new EvaluationLimits(Duration.ofMillis(500), 1_000_000, 10_000_000);
  }
}
