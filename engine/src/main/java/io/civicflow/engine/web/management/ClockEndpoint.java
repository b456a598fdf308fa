package io.civicflow.engine.web.management;

import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.Results.ClockState;
import io.civicflow.engine.clock.EngineClock;
import io.civicflow.engine.web.json.WebJson;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.lang.Nullable;

/**
 * {@code /actuator/clock} on the management port, as Zeebe serves it for Camunda Process Test:
 *
 * <ul>
 *   <li>{@code GET} → 200 {@code {"epochMilli":…,"instant":"…"}};
 *   <li>{@code POST /add} {@code {"offsetMilli":n}} → 200 clock (moves the clock; may be negative);
 *   <li>{@code POST /pin} {@code {"epochMilli":n}} → 200 clock (stops it at that instant);
 *   <li>{@code DELETE} → 200 clock (back to real time).
 * </ul>
 *
 * A missing field is 400; when {@code civicflow.engine.clock.controlled} is false the engine
 * refuses with 403.
 */
@WebEndpoint(id = "clock")
public class ClockEndpoint {

  private final EngineApi engine;

  public ClockEndpoint(EngineApi engine) {
    this.engine = engine;
  }

  /** The clock as Zeebe's endpoint shows it. */
  public record ClockBody(long epochMilli, String instant) {

    static ClockBody of(ClockState state) {
      return new ClockBody(state.epochMilli(), WebJson.formatDate(state.epochMilli()));
    }
  }

  @ReadOperation
  public ClockBody current() {
    return ClockBody.of(engine.clock());
  }

  @WriteOperation
  public WebEndpointResponse<Object> modify(
      @Selector String operation, @Nullable Long epochMilli, @Nullable Long offsetMilli) {
    return switch (operation) {
      case "add" ->
          offsetMilli == null
              ? ManagementResponses.error(
                  400, "INVALID_ARGUMENT", "Expected a body {\"offsetMilli\":<long>}")
              : !movesWithinRange(offsetMilli)
                  ? outOfRange("adding " + offsetMilli + " ms would move it beyond")
                  : ManagementResponses.await(
                      engine.addClockOffset(offsetMilli), 200, ClockBody::of);
      case "pin" ->
          epochMilli == null
              ? ManagementResponses.error(
                  400, "INVALID_ARGUMENT", "Expected a body {\"epochMilli\":<long>}")
              : !EngineClock.isShowable(epochMilli)
                  ? outOfRange(epochMilli + " is beyond")
                  : ManagementResponses.await(engine.pinClock(epochMilli), 200, ClockBody::of);
      default ->
          ManagementResponses.error(
              404, "NOT_FOUND", "Unknown clock operation '" + operation + "' (add, pin)");
    };
  }

  private boolean movesWithinRange(long offsetMilli) {
    try {
      return EngineClock.isShowable(Math.addExact(engine.clock().epochMilli(), offsetMilli));
    } catch (ArithmeticException overflow) {
      return false;
    }
  }

  private static WebEndpointResponse<Object> outOfRange(String what) {
    return ManagementResponses.error(
        400,
        "INVALID_ARGUMENT",
        "Expected the clock to stay between "
            + EngineClock.EARLIEST
            + " and "
            + EngineClock.LATEST
            + ", but "
            + what
            + " that range; the clock is unchanged");
  }

  @DeleteOperation
  public WebEndpointResponse<Object> reset() {
    return ManagementResponses.await(engine.resetClock(), 200, ClockBody::of);
  }
}
