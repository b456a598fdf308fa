package io.civicflow.workers.dispatch;

/**
 * One dispatch of a service request to a station, as the process keeps it in {@code
 * dispatchHistory} (every dispatch, in order; the re-dispatches after a lapse included).
 *
 * @param station the station it went to (its id: {@code shaxi}, …)
 * @param dispatchedBy the centre's official who completed 服务中心派单 (the task's assignee), null when
 *     the task was completed unassigned
 * @param dispatchedAt when, ISO-8601 with offset
 * @param acceptDeadline by when the station had to accept
 * @param outcome {@link #DISPATCHED} while open, then {@link #ACCEPTED} or {@link #LAPSED}
 * @param acceptedBy who accepted it at the station, null unless accepted
 * @param endedAt when it was accepted or lapsed
 */
public record DispatchLeg(
    String station,
    String dispatchedBy,
    String dispatchedAt,
    String acceptDeadline,
    String outcome,
    String acceptedBy,
    String endedAt) {

  public static final String DISPATCHED = "DISPATCHED";
  public static final String ACCEPTED = "ACCEPTED";
  public static final String LAPSED = "LAPSED";

  DispatchLeg ended(String how, String by, String at) {
    return new DispatchLeg(station, dispatchedBy, dispatchedAt, acceptDeadline, how, by, at);
  }
}
