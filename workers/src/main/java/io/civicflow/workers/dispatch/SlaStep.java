package io.civicflow.workers.dispatch;

import io.civicflow.workers.registry.ServiceRequestEvent;

/**
 * The steps of a service request that have an SLA (decision {@code dispatch-sla}), what a breach of
 * each is recorded as, and who is told: the one who can act on it. The centre re-dispatches (a late
 * dispatch, an unaccepted order, a late call-back); the station head (group {@code
 * station-<station>}) reassigns the task to another worker (late first contact, late service).
 */
public enum SlaStep {
  DISPATCH("dispatch", "dispatchDeadline", ServiceRequestEvent.DISPATCH_LAPSED, "派单"),
  ACCEPT("accept", "acceptDeadline", ServiceRequestEvent.ACCEPTANCE_LAPSED, "接单"),
  FIRST_CONTACT(
      "firstContact", "firstContactDeadline", ServiceRequestEvent.FIRST_CONTACT_LAPSED, "首次联系居民"),
  SERVICE("service", "serviceDeadline", ServiceRequestEvent.SERVICE_LAPSED, "上门服务"),
  CLOSE("close", "closeDeadline", ServiceRequestEvent.CLOSE_LAPSED, "回访办结");

  private final String ruleName;
  private final String deadlineVariable;
  private final ServiceRequestEvent breach;
  private final String label;

  SlaStep(String ruleName, String deadlineVariable, ServiceRequestEvent breach, String label) {
    this.ruleName = ruleName;
    this.deadlineVariable = deadlineVariable;
    this.breach = breach;
    this.label = label;
  }

  /** The output of {@code dispatch-sla} that holds this step's limit. */
  public String ruleName() {
    return ruleName;
  }

  /** The process variable the deadline is written to, which the step's timer waits for. */
  public String deadlineVariable() {
    return deadlineVariable;
  }

  /** What a breach is recorded as. */
  public ServiceRequestEvent breach() {
    return breach;
  }

  /** The step's name in Chinese. */
  public String label() {
    return label;
  }

  /**
   * Who a breach goes to ({@code notify.send} recipients): the centre for its own steps and for an
   * unaccepted order (it re-dispatches; the station that let it lapse is told too), the station
   * head and the worker for the worker's steps (the head reassigns; the centre also hears of a late
   * service, which the resident will call it about).
   */
  public String escalateTo(String station, String serviceWorker) {
    String head = station == null || station.isBlank() ? null : "station-" + station;
    String worker =
        serviceWorker == null || serviceWorker.isBlank() ? null : "user:" + serviceWorker;
    return switch (this) {
      case DISPATCH, CLOSE -> "guidance-centre";
      case ACCEPT -> join("guidance-centre", head);
      case FIRST_CONTACT -> join(head, worker);
      case SERVICE -> join(head, "guidance-centre", worker);
    };
  }

  private static String join(String... recipients) {
    StringBuilder joined = new StringBuilder();
    for (String recipient : recipients) {
      if (recipient != null) {
        joined.append(joined.length() == 0 ? "" : ",").append(recipient);
      }
    }
    return joined.toString();
  }
}
