package io.civicflow.workers.registry;

import io.camunda.client.annotation.JobKey;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import org.springframework.stereotype.Component;

/** {@code registry.record-complaint}: a handled complaint goes into the provider register. */
@Component
public class ComplaintWorker {

  private final ComplaintRecording recording;

  public ComplaintWorker(ComplaintRecording recording) {
    this.recording = recording;
  }

  /** The {@code ComplaintFiled} message's {@code complaint}. */
  public record Complaint(String complainant, String content) {}

  public record Input(
      String projectNo,
      String contractNo,
      String providerOrgId,
      Complaint complaint,
      boolean complaintUpheld,
      String handling,
      String now) {}

  public record Output(long complaintsUpheld) {}

  /** Records under {@code complaint:<contractNo>:<jobKey>}: a retry records it once. */
  @JobWorker(type = "registry.record-complaint")
  public Output record(@VariablesAsType Input input, @JobKey long jobKey) {
    Complaint complaint = input.complaint() == null ? new Complaint(null, null) : input.complaint();
    return new Output(
        recording.record(
            new ComplaintEntry(
                "complaint:" + input.contractNo() + ":" + jobKey,
                input.providerOrgId(),
                input.contractNo(),
                input.projectNo(),
                complaint.complainant(),
                complaint.content(),
                input.complaintUpheld(),
                input.handling(),
                ProcessTime.parse(input.now()).toInstant())));
  }
}
