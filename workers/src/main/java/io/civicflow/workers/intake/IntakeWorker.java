package io.civicflow.workers.intake;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.grpc.Status.Code;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code intake.correlate}: hands what a start form took in to the process instance waiting for it,
 * by correlating {@code messageName} with {@code projectNo} (Camunda's {@code POST
 * /v2/messages/correlation}): the complaint to the running contract, the objection to the unit's
 * open objection window, the clarification to its open bid window. When nothing waits for it — a
 * wrong project number, a window already closed — the job throws the BPMN error {@code
 * NOT_CORRELATED} with the reason in Chinese, which the intake model answers (the filer is told it
 * was not accepted), instead of losing it.
 *
 * <p>Delivered once, also when the job is delivered again (its lock ran out while the worker was
 * correlating, or the worker died before completing it): the correlation is recorded at once in the
 * job's element instance ({@value #RECORD}, a local variable the retried job is fetched with), and
 * a job that finds it completes with what it records instead of correlating again. A message has no
 * id to deduplicate on here: Camunda's correlate-message call has none, and publishing one would
 * lose the {@code NOT_CORRELATED} answer.
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

  @JobWorker(type = "intake.correlate")
  public Output correlate(ActivatedJob job, @VariablesAsType Input input) {
    Map<String, Object> done = input.intakeCorrelation();
    if (done != null && done.get("correlatedWith") != null) {
      LOG.info(
          "{} for {} was correlated with instance {} by an earlier delivery of job {}: not again",
          input.messageName(),
          done.get("correlationKey"),
          done.get("correlatedWith"),
          job.getKey());
      return new Output(
          String.valueOf(done.get("correlatedWith")), String.valueOf(done.get("correlationKey")));
    }
    if (input.messageName() == null || !MESSAGES.contains(input.messageName())) {
      throw new IllegalArgumentException(
          "intake.correlate sends only " + MESSAGES + ", not " + input.messageName());
    }
    String key = input.projectNo() == null ? "" : input.projectNo().trim();
    if (key.isEmpty()) {
      throw CamundaError.bpmnError("NOT_CORRELATED", "未填写项目编号");
    }
    try {
      var correlated =
          client
              .newCorrelateMessageCommand()
              .messageName(input.messageName())
              .correlationKey(key)
              .variables(input.message() == null ? Map.of() : input.message())
              .send()
              .join();
      LOG.info(
          "{} for {} correlated with instance {}",
          input.messageName(),
          key,
          correlated.getProcessInstanceKey());
      Output output = new Output(String.valueOf(correlated.getProcessInstanceKey()), key);
      client
          .newSetVariablesCommand(job.getElementInstanceKey())
          .variables(
              Map.of(
                  RECORD,
                  Map.of(
                      "correlatedWith", output.correlatedWith(),
                      "correlationKey", output.correlationKey())))
          .local(true)
          .send()
          .join();
      return output;
    } catch (ProblemException e) {
      if (e.code() == 404) {
        throw notCorrelated(key);
      }
      throw e;
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Code.NOT_FOUND) {
        throw notCorrelated(key);
      }
      throw e;
    }
  }

  private static RuntimeException notCorrelated(String projectNo) {
    return CamundaError.bpmnError(
        "NOT_CORRELATED",
        "项目编号" + projectNo + "当前没有可受理的流程（项目编号有误，或受理期限已过）",
        Map.of("notAcceptedReason", "项目编号" + projectNo + "当前没有可受理的流程（项目编号有误，或受理期限已过）"));
  }
}
