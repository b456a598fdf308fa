package io.civicflow.workers.intake;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.MessageSubscriptionState;
import io.camunda.client.api.search.response.MessageSubscription;
import io.camunda.client.exception.CamundaError;
import io.civicflow.workers.camunda.messages.MessagePublication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code intake.correlate}: hands what a start form took in to the process instance waiting for it,
 * by publishing {@code messageName} with {@code projectNo} as correlation key: the complaint to the
 * running contract, the objection to the unit's open objection window, the clarification to its
 * open bid window. When nothing waits for it — a wrong project number, a window already closed —
 * the job throws the BPMN error {@code NOT_CORRELATED} with the reason in Chinese, which the intake
 * model answers (the filer is told it was not accepted), instead of losing it.
 *
 * <p>Delivered once, also when the job is delivered again (its lock ran out while the worker was
 * delivering, or the worker died before completing the job, even between publishing and anything
 * after it). Two things make it so:
 *
 * <ol>
 *   <li>the message is published with a {@code messageId} made of the job's element instance
 *       ({@code intake:<elementInstanceKey>}, the same for every delivery of the job) and a time to
 *       live of {@link #DEDUPLICATION}: Camunda refuses a second message with the same id while the
 *       first is buffered ({@code 409} / {@code ALREADY_EXISTS}), which the worker takes as
 *       "delivered before". Each of these messages is awaited by one process only (messages.yaml),
 *       and a message reaches a process at most once, so the buffered message reaches no one else;
 *   <li>who waits for it is looked up first (the message subscriptions for its name and key that
 *       are {@code CREATED}, or {@code CORRELATED} on a non-interrupting boundary event whose
 *       activity is still active; none → {@code NOT_CORRELATED}) and recorded in the job's element
 *       instance ({@value #RECORD}, a local variable a later delivery is fetched with) before
 *       publishing: a later delivery publishes to the instance recorded, without looking again — an
 *       interrupting window the first delivery closed is not mistaken for "nothing waits".
 * </ol>
 *
 * Camunda's correlate-message call would answer who took the message in one step, but it has no id
 * to deduplicate on.
 */
@Component
public class IntakeWorker {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeWorker.class);

  /** The messages an intake form may send: the ones the models wait for from outside. */
  static final Set<String> MESSAGES =
      Set.of(
          "ComplaintFiled", "ObjectionFiled", "ProcurementComplaintLodged", "ClarificationIssued");

  /** The local variable of the job's element instance that records a correlation made. */
  static final String RECORD = "intakeCorrelation";

  private final CamundaClient client;

  public IntakeWorker(CamundaClient client) {
    this.client = client;
  }

  /**
   * @param messageName one of {@link #MESSAGES}
   * @param projectNo the correlation key: the unit's procurement project number
   * @param message the variables the message carries (e.g. {@code {complaint: {...}}})
   * @param intakeCorrelation what an earlier delivery of this job correlated ({@value #RECORD}), or
   *     null
   */
  public record Input(
      String messageName,
      String projectNo,
      Map<String, Object> message,
      Map<String, Object> intakeCorrelation) {}

  public record Output(String correlatedWith, String correlationKey) {}

  /** How long a published message is kept to refuse a second one with its id. */
  static final Duration DEDUPLICATION = Duration.ofDays(1);

  @JobWorker(type = "intake.correlate")
  public Output correlate(ActivatedJob job, @VariablesAsType Input input) {
    Map<String, Object> done = input.intakeCorrelation();
    Output target;
    if (done != null && done.get("correlatedWith") != null) {
      target =
          new Output(
              String.valueOf(done.get("correlatedWith")),
              String.valueOf(done.get("correlationKey")));
      LOG.info(
          "{} for {} was addressed to instance {} by an earlier delivery of job {}: published"
              + " again under the same message id",
          input.messageName(),
          target.correlationKey(),
          target.correlatedWith(),
          job.getKey());
    } else {
      target = waiting(input);
      client
          .newSetVariablesCommand(job.getElementInstanceKey())
          .variables(
              Map.of(
                  RECORD,
                  Map.of(
                      "correlatedWith", target.correlatedWith(),
                      "correlationKey", target.correlationKey())))
          .local(true)
          .send()
          .join();
    }
    deliver(job, input, target);
    return target;
  }

  /** The instance waiting for the message; {@code NOT_CORRELATED} if none. */
  Output waiting(Input input) {
    if (input.messageName() == null || !MESSAGES.contains(input.messageName())) {
      throw new IllegalArgumentException(
          "intake.correlate sends only " + MESSAGES + ", not " + input.messageName());
    }
    String key = input.projectNo() == null ? "" : input.projectNo().trim();
    if (key.isEmpty()) {
      throw CamundaError.bpmnError("NOT_CORRELATED", "未填写项目编号");
    }
    List<MessageSubscription> waiting =
        client
            .newMessageSubscriptionSearchRequest()
            .filter(f -> f.messageName(input.messageName()).correlationKey(key))
            .send()
            .join()
            .items()
            .stream()
            .filter(s -> s.getProcessInstanceKey() != null && open(s))
            .toList();
    if (waiting.isEmpty()) {
      throw notCorrelated(key);
    }
    return new Output(String.valueOf(waiting.get(0).getProcessInstanceKey()), key);
  }

  /**
   * Whether {@code subscription} still takes a message: waiting ({@code CREATED}), or a
   * non-interrupting boundary event that took one and whose activity is still active (a contract
   * takes any number of complaints).
   */
  private boolean open(MessageSubscription subscription) {
    if (subscription.getMessageSubscriptionState() == MessageSubscriptionState.CREATED) {
      return true;
    }
    if (subscription.getMessageSubscriptionState() != MessageSubscriptionState.CORRELATED
        || subscription.getElementInstanceKey() == null) {
      return false;
    }
    return client
            .newElementInstanceGetRequest(subscription.getElementInstanceKey())
            .send()
            .join()
            .getState()
        == ElementInstanceState.ACTIVE;
  }

  /**
   * Publishes the message under the job's own message id; a message already published under it (an
   * earlier delivery of this job) is not published again.
   */
  void deliver(ActivatedJob job, Input input, Output target) {
    String messageId = "intake:" + job.getElementInstanceKey();
    MessagePublication.publishOnce(
        client
            .newPublishMessageCommand()
            .messageName(input.messageName())
            .correlationKey(target.correlationKey())
            .messageId(messageId)
            .timeToLive(DEDUPLICATION)
            .variables(input.message() == null ? Map.of() : input.message()),
        messageId);
    LOG.info(
        "{} for {} delivered to instance {} as {}",
        input.messageName(),
        target.correlationKey(),
        target.correlatedWith(),
        messageId);
  }

  private static RuntimeException notCorrelated(String projectNo) {
    return CamundaError.bpmnError(
        "NOT_CORRELATED",
        "项目编号" + projectNo + "当前没有可受理的流程（项目编号有误，或受理期限已过）",
        Map.of("notAcceptedReason", "项目编号" + projectNo + "当前没有可受理的流程（项目编号有误，或受理期限已过）"));
  }
}
