package io.civicflow.engine.feel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.impl.interpreter.EvalContext;
import org.camunda.feel.impl.interpreter.FeelInterpreter;
import org.camunda.feel.syntaxtree.Addition;
import org.camunda.feel.syntaxtree.ConstList;
import org.camunda.feel.syntaxtree.EveryItem;
import org.camunda.feel.syntaxtree.Exp;
import org.camunda.feel.syntaxtree.Filter;
import org.camunda.feel.syntaxtree.For;
import org.camunda.feel.syntaxtree.FunctionInvocation;
import org.camunda.feel.syntaxtree.IterationContext;
import org.camunda.feel.syntaxtree.QualifiedFunctionInvocation;
import org.camunda.feel.syntaxtree.Ref;
import org.camunda.feel.syntaxtree.SomeItem;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValList;
import org.camunda.feel.syntaxtree.ValNumber;
import org.camunda.feel.syntaxtree.ValString;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The feel-engine's interpreter with a budget ({@link EvaluationLimits}) for each evaluation on the
 * current thread. Every step of the interpreter passes through {@link #eval}, so the budget is
 * checked at every step and the evaluation stops, on its own thread, as soon as it is spent: the
 * time at each step; ranges and the combinations of several iteration lists before the interpreter
 * builds them (it builds them in one go, without steps in between); lists and strings the steps
 * build, after each step. Once spent, the budget stays spent, so every later step stops too — also
 * inside built-in functions that catch failures of the function values they call ({@code sort}).
 *
 * <p>Outside {@link #open} the interpreter is the feel-engine's own. The DMN engine evaluates with
 * a private feel-engine of its own; {@link #install} puts this interpreter in it.
 */
public final class GuardedInterpreter extends FeelInterpreter {

  private static final ThreadLocal<Budget> CURRENT = new ThreadLocal<>();
  private static final String HIDDEN_LIST = "\u0000civicflow-iteration-list-";

  public GuardedInterpreter(ValueMapper valueMapper) {
    super(valueMapper);
  }

  /**
   * Opens a budget for the evaluations on this thread until it is closed. Nested opens share the
   * outer budget.
   */
  public static Budget open(EvaluationLimits limits) {
    Budget outer = CURRENT.get();
    if (outer != null) {
      return new Budget(outer);
    }
    Budget budget = new Budget(limits);
    CURRENT.set(budget);
    return budget;
  }

  /**
   * Replaces the interpreter of a feel-engine (the DMN engine's) with a guarded one. feel-engine
   * 1.20 has no way to pass one in; should a later version rename the field, this fails at start-up
   * rather than leave DMN unguarded.
   */
  public static void install(FeelEngineApi api) {
    try {
      Field engineField = FeelEngineApi.class.getDeclaredField("engine");
      engineField.setAccessible(true);
      org.camunda.feel.FeelEngine engine = (org.camunda.feel.FeelEngine) engineField.get(api);
      Field interpreterField = org.camunda.feel.FeelEngine.class.getDeclaredField("interpreter");
      interpreterField.setAccessible(true);
      interpreterField.set(engine, new GuardedInterpreter(engine.valueMapper()));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot guard the DMN engine's FEEL evaluation (feel-engine version changed?)", e);
    }
  }

  @Override
  public Val eval(Exp expression, EvalContext context) {
    Budget budget = CURRENT.get();
    return budget == null ? super.eval(expression, context) : guarded(budget, expression, context);
  }

  private Val guarded(Budget budget, Exp expression, EvalContext context) {
    budget.checkTime();
    if (expression instanceof IterationContext range) {
      return range(budget, range, context);
    }
    if (expression instanceof For f && f.iterators().size() > 1) {
      return withCombinations(budget, f.iterators(), context, its -> new For(its, f.exp()));
    }
    if (expression instanceof SomeItem s && s.iterators().size() > 1) {
      return withCombinations(
          budget, s.iterators(), context, its -> new SomeItem(its, s.condition()));
    }
    if (expression instanceof EveryItem e && e.iterators().size() > 1) {
      return withCombinations(
          budget, e.iterators(), context, its -> new EveryItem(its, e.condition()));
    }
    Val value = super.eval(expression, context);
    if (builds(expression)) {
      if (value instanceof ValList list) {
        budget.chargeItems(list.itemsAsSeq());
      } else if (value instanceof ValString string) {
        budget.chargeCharacters(string.value().length());
      }
    }
    return value;
  }

  /** Expressions whose list or string result is new (not a variable's value passed on). */
  private static boolean builds(Exp expression) {
    return expression instanceof Addition
        || expression instanceof FunctionInvocation
        || expression instanceof QualifiedFunctionInvocation
        || expression instanceof Filter
        || expression instanceof For
        || expression instanceof ConstList;
  }

  /**
   * {@code start..end}: counted before it is built, and built here with the time checked as it
   * grows (the interpreter builds it in one go: a million numbers took over a second), with the
   * same numbers the interpreter makes ({@code (start to end) by 1} or {@code by -1}).
   */
  private Val range(Budget budget, IterationContext range, EvalContext context) {
    Val start = guarded(budget, range.start(), context);
    Val end = guarded(budget, range.end(), context);
    if (!(start instanceof ValNumber from && end instanceof ValNumber to)) {
      // not numbers: the interpreter reports it (evaluating the bounds once more)
      return super.eval(range, context);
    }
    BigDecimal size = to.value().bigDecimal().subtract(from.value().bigDecimal()).abs();
    budget.chargeItems(
        size.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
            ? Long.MAX_VALUE / 2
            : size.longValue() + 1);
    scala.math.BigDecimal last = to.value();
    boolean up = from.value().compare(last) <= 0;
    scala.math.BigDecimal step =
        new scala.math.BigDecimal(
            BigDecimal.valueOf(up ? 1 : -1), java.math.MathContext.DECIMAL128);
    List<Val> items = new ArrayList<>((int) Math.min(size.longValue() + 1, 1 << 16));
    for (scala.math.BigDecimal i = from.value();
        up ? i.compare(last) <= 0 : i.compare(last) >= 0;
        i = i.$plus(step)) {
      items.add(new ValNumber(i));
      if ((items.size() & 0xFFF) == 0) {
        budget.checkTime();
      }
    }
    return new ValList(
        scala.collection.immutable.ArraySeq.unsafeWrapArray(items.toArray(new Val[0])));
  }

  /**
   * Iteration over several lists: the interpreter builds every combination first; their number is
   * counted before. The lists are evaluated once here and handed to the interpreter as hidden
   * variables.
   */
  private Val withCombinations(
      Budget budget,
      scala.collection.immutable.List<Tuple2<String, Exp>> iterators,
      EvalContext context,
      java.util.function.Function<scala.collection.immutable.List<Tuple2<String, Exp>>, Exp>
          rebuild) {
    List<Tuple2<String, Exp>> evaluated = new ArrayList<>();
    EvalContext withLists = context;
    long combinations = 1;
    int index = 0;
    for (Tuple2<String, Exp> iterator : CollectionConverters.asJava(iterators)) {
      Val value = guarded(budget, iterator._2(), context);
      if (!(value instanceof ValList list)) {
        // not a list: the interpreter reports it (evaluating the lists once more)
        return super.eval(rebuild.apply(iterators), context);
      }
      combinations = saturatedProduct(combinations, list.itemsAsSeq().size());
      String hidden = HIDDEN_LIST + index++;
      withLists = withLists.add(new Tuple2<>(hidden, value));
      evaluated.add(
          new Tuple2<>(
              iterator._1(), new Ref(CollectionConverters.asScala(List.of(hidden)).toList())));
    }
    budget.chargeItems(combinations);
    return super.eval(rebuild.apply(CollectionConverters.asScala(evaluated).toList()), withLists);
  }

  private static long saturatedProduct(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE / 2;
    }
  }

  /** The budget of the evaluations on one thread; closing it ends it. */
  public static final class Budget implements AutoCloseable {
    private final Budget owner;
    private final EvaluationLimits limits;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final long deadline;
    private final long cpuStart;
    private int stepsPastDeadline;
    private long itemsLeft;
    private long charactersLeft;
    private String exceeded;

    private Budget(EvaluationLimits limits) {
      this.owner = null;
      this.limits = limits;
      this.deadline = System.nanoTime() + limits.timeLimit().toNanos();
      this.cpuStart = cpuTime();
      this.itemsLeft = limits.maxItems();
      this.charactersLeft = limits.maxStringLength();
    }

    private Budget(Budget owner) {
      this.owner = owner;
      this.limits = owner.limits;
      this.deadline = owner.deadline;
      this.cpuStart = owner.cpuStart;
    }

    /** Why the evaluation was stopped, or null if it was not. */
    public String exceeded() {
      return owner != null ? owner.exceeded() : exceeded;
    }

    /**
     * Stops once the evaluation has taken its time limit both on the wall clock and in CPU time of
     * this thread: on a machine busy with other work the wall clock alone would stop ordinary
     * expressions that merely waited for a core (or for their classes to load, the first time).
     */
    private void checkTime() {
      if (exceeded != null) {
        throw new EvaluationLimitExceeded(exceeded);
      }
      if (System.nanoTime() - deadline < 0 || (++stepsPastDeadline & 0x3F) != 1) {
        return;
      }
      if (cpuStart < 0 || cpuTime() - cpuStart >= limits.timeLimit().toNanos()) {
        stop(
            "the evaluation took longer than its limit of "
                + limits.timeLimit().toMillis()
                + " ms (civicflow.engine.evaluation.time-limit)");
      }
    }

    private static long cpuTime() {
      return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    private void chargeItems(scala.collection.Seq<Val> items) {
      int known = items.knownSize();
      if (known >= 0) {
        chargeItems(known);
      } else if (items.lengthCompare((int) Math.min(Integer.MAX_VALUE, itemsLeft)) > 0) {
        chargeItems(itemsLeft + 1);
      } else {
        chargeItems(items.length());
      }
    }

    private void chargeItems(long items) {
      itemsLeft -= items;
      if (itemsLeft < 0) {
        stop(
            "the evaluation would create more than "
                + limits.maxItems()
                + " list items (civicflow.engine.evaluation.max-items)");
      }
    }

    private void chargeCharacters(long characters) {
      charactersLeft -= characters;
      if (charactersLeft < 0) {
        stop(
            "the evaluation would create more than "
                + limits.maxStringLength()
                + " characters of strings (civicflow.engine.evaluation.max-string-length)");
      }
    }

    private void stop(String reason) {
      exceeded = reason;
      throw new EvaluationLimitExceeded(reason);
    }

    @Override
    public void close() {
      if (owner == null) {
        CURRENT.remove();
      }
    }
  }

  /** Thrown inside the interpreter to stop an evaluation whose budget is spent. */
  static final class EvaluationLimitExceeded extends RuntimeException {
    EvaluationLimitExceeded(String message) {
      super(message, null, false, false);
    }
  }
}
