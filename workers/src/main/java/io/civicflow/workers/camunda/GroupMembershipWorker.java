package io.civicflow.workers.camunda;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code identity.join-group}: an organisation admitted to incubation, graduating or winning a
 * contract gets its group ({@code provider-<orgId>}) with its own accounts as members, so the tasks
 * offered to that group reach its people (processes/README.md, "Who is offered what"). The inputs
 * are mapped by the model: {@code groupId}, {@code groupName} (the organisation's name) and {@code
 * members} (the accounts the organisation named on its application or bid).
 */
@Component
public class GroupMembershipWorker {

  private final OrganisationGroups groups;

  public GroupMembershipWorker(CamundaClient client) {
    this.groups = new OrganisationGroups(client);
  }

  public record Input(String groupId, String groupName, List<String> members) {}

  /** Completes with no variables: the membership is the cluster's state, not the process's. */
  @JobWorker(type = "identity.join-group")
  public void join(@VariablesAsType Input input) {
    groups.join(input.groupId(), input.groupName(), input.members());
  }
}
