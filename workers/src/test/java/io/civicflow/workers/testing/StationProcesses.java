package io.civicflow.workers.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.camunda.process.test.api.CamundaProcessTestContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** What the station's process tests share: the engine clock in Shanghai time, and variables. */
public final class StationProcesses {

  /**
   * Monday 3 March 2025, 09:00 in Shanghai: an ordinary working day in a year with holiday data.
   */
  public static final Instant MONDAY_MORNING = Instant.parse("2025-03-03T01:00:00Z");

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CANONICAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * How long assertions wait. The first test of a JVM deploys every model and form to a cold
   * engine, which on a shared two-core machine keeps the engine busy long enough for the workers'
   * job polls to time out and back off (at most 5 s); CPT's default of 10 s is then too short.
   */
  public static final Duration ASSERTION_TIMEOUT = Duration.ofSeconds(30);

  private StationProcesses() {}

  /** The calendar span of {@code months} months from the engine's current time, in Shanghai. */
  public static Duration months(CamundaProcessTestContext processTest, int months) {
    ZonedDateTime now = processTest.getCurrentTime().atZone(SHANGHAI);
    return Duration.between(now, now.plusMonths(months));
  }

  /** A process-scope variable of {@code instance}, read from its JSON value. */
  public static <T> T variable(
      CamundaClient client, ProcessInstanceEvent instance, String name, Class<T> type) {
    List<Variable> found =
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()).name(name))
            .send()
            .join()
            .items();
    Variable variable =
        found.stream()
            .filter(v -> v.getScopeKey().equals(instance.getProcessInstanceKey()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no process variable " + name));
    try {
      return JSON.readValue(variable.getValue(), type);
    } catch (JsonProcessingException e) {
      throw new AssertionError("variable " + name + " is not a " + type.getSimpleName(), e);
    }
  }

  /** The one open task of {@code elementId} in {@code instance}, once there is one. */
  public static UserTask openTask(
      CamundaClient client, ProcessInstanceEvent instance, String elementId) {
    return Awaitility.await()
        .atMost(ASSERTION_TIMEOUT)
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(
                        f ->
                            f.processInstanceKey(instance.getProcessInstanceKey())
                                .elementId(elementId)
                                .state(UserTaskState.CREATED))
                    .send()
                    .join()
                    .items(),
            found -> found.size() == 1)
        .get(0);
  }

  /**
   * Claims the open task {@code elementId} for {@code user}, as Tasklist does, and completes it
   * with {@code answers}: the engine then records {@code user} as the one who did it.
   */
  public static void completeAs(
      CamundaClient client,
      ProcessInstanceEvent instance,
      String elementId,
      String user,
      Map<String, Object> answers) {
    UserTask task = openTask(client, instance, elementId);
    client.newAssignUserTaskCommand(task.getUserTaskKey()).assignee(user).send().join();
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(answers).send().join();
  }

  /**
   * An ISO-8601 date-time with offset in the REST API's canonical form, as user tasks report it.
   */
  public static String canonical(String isoWithOffset) {
    return CANONICAL.format(OffsetDateTime.parse(isoWithOffset).toInstant());
  }
}
