package io.civicflow.workers.registry;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.registry.ProviderRegistration.Graduation;
import org.springframework.stereotype.Component;

/**
 * ngo-incubation's register jobs: {@code registry.register-provider} (a graduate becomes a
 * provider) and {@code registry.record-incubation-exit}.
 */
@Component
public class ProviderRegistrationWorker {

  private final ProviderRegistration registration;

  public ProviderRegistrationWorker(ProviderRegistration registration) {
    this.registration = registration;
  }

  public record GraduateInput(
      String orgId, String organisationName, String field, String district, String now) {}

  @JobWorker(type = "registry.register-provider")
  public Graduation registerProvider(@VariablesAsType GraduateInput input) {
    return registration.registerGraduate(
        input.orgId(),
        input.organisationName(),
        input.field(),
        input.district(),
        ProcessTime.parse(input.now()));
  }

  /** The exit form's fields. */
  public record ExitInput(
      String orgId,
      String district,
      String exitReasonLabel,
      Boolean spaceReturned,
      String returnDate,
      String now) {}

  public record ExitRecorded(String exitRecordedAt) {}

  @JobWorker(type = "registry.record-incubation-exit")
  public ExitRecorded recordExit(@VariablesAsType ExitInput input) {
    String reason =
        input.exitReasonLabel() == null || input.exitReasonLabel().isBlank()
            ? ""
            : "退出原因：" + input.exitReasonLabel() + "；";
    String notes =
        reason
            + (Boolean.TRUE.equals(input.spaceReturned())
                ? "场地已交还" + (input.returnDate() == null ? "" : "（" + input.returnDate() + "）")
                : "场地未交还");
    return new ExitRecorded(
        ProcessTime.format(
            registration
                .recordExit(input.orgId(), input.district(), notes, ProcessTime.parse(input.now()))
                .recordedAt()
                .atZone(ProcessTime.ZONE)));
  }
}
