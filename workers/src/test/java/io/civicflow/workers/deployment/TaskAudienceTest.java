package io.civicflow.workers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.civicflow.workers.deployment.ModelCatalogue.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No user task of {@code processes/} is offered, and no notification sent, to a whole role of peer
 * organisations (processes/README.md, "Who is offered what"): a provider's, district's, station's,
 * evaluator's, expert's or social worker's work goes to that one organisation's group ({@code
 * provider-<orgId>}, {@code district-<unitCode>}, {@code station-<id>}, {@code evaluator-<orgId>},
 * {@code supervisor-<station>}) or to one person. Roles of the bureau itself ({@code
 * civil-affairs}, {@code finance}, {@code audit}, {@code guidance-centre}, …) are fine. Checked
 * statically, in fixed values and in the string literals of expressions.
 */
class TaskAudienceTest {

  /** Roles that many organisations or people share: never a task's or message's audience. */
  static final Set<String> PEER_ROLES =
      Set.of(
          "provider",
          "district-office",
          "station",
          "evaluator",
          "expert-panel",
          "social-worker",
          "supervisor");

  private static final Pattern LITERAL = Pattern.compile("\"([^\"]*)\"");

  private static List<Model> models;

  @BeforeAll
  static void readModels() {
    models = ModelCatalogue.parse(RepositoryFiles.files("processes", ".bpmn"));
    assertThat(models).isNotEmpty();
  }

  /** The role names a fixed value ({@code a,b}) or an expression's string literals name. */
  static List<String> named(String value) {
    List<String> names = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return names;
    }
    if (!value.startsWith("=")) {
      for (String part : value.split(",")) {
        names.add(part.trim());
      }
      return names;
    }
    Matcher literal = LITERAL.matcher(value);
    while (literal.find()) {
      for (String part : literal.group(1).split(",")) {
        names.add(part.trim());
      }
    }
    return names;
  }

  static List<String> peerRolesIn(String value) {
    return named(value).stream().filter(PEER_ROLES::contains).toList();
  }

  @Test
  void noUserTaskIsOfferedToAWholeRoleOfPeerOrganisations() {
    List<String> problems = new ArrayList<>();
    for (Model model : models) {
      for (UserTask task : model.instance().getModelElementsByType(UserTask.class)) {
        ZeebeAssignmentDefinition assignment =
            task.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
        if (assignment == null) {
          continue;
        }
        for (String role : peerRolesIn(assignment.getCandidateGroups())) {
          problems.add(model.file() + " " + task.getId() + ": candidate group \"" + role + "\"");
        }
      }
    }
    assertThat(problems).as("user tasks offered to a whole role of peers").isEmpty();
  }

  @Test
  void noNotificationGoesToAWholeRoleOfPeerOrganisations() {
    List<String> problems = new ArrayList<>();
    for (Model model : models) {
      for (ZeebeInput input : model.instance().getModelElementsByType(ZeebeInput.class)) {
        if (!"recipientGroup".equals(input.getTarget())) {
          continue;
        }
        for (String role : peerRolesIn(input.getSource())) {
          problems.add(model.file() + " " + ownerId(input) + ": recipient \"" + role + "\"");
        }
      }
    }
    assertThat(problems).as("notifications to a whole role of peers").isEmpty();
  }

  @Test
  void theCheckSeesBareRolesInValuesAndExpressionsButNotOrganisationGroups() {
    assertThat(peerRolesIn("evaluator")).containsExactly("evaluator");
    assertThat(peerRolesIn("civil-affairs, station")).containsExactly("station");
    assertThat(peerRolesIn("=[\"provider\"]")).containsExactly("provider");
    assertThat(peerRolesIn("=\"civil-affairs,district-office\""))
        .containsExactly("district-office");
    assertThat(peerRolesIn("=[\"provider-\" + providerOrgId]")).isEmpty();
    assertThat(peerRolesIn("=[\"evaluator-\" + evaluatorOrgId]")).isEmpty();
    assertThat(peerRolesIn("civil-affairs,finance,audit,guidance-centre")).isEmpty();
  }

  private static String ownerId(ModelElementInstance element) {
    for (ModelElementInstance current = element;
        current != null;
        current = current.getParentElement()) {
      String id = current.getAttributeValue("id");
      if (id != null) {
        return id;
      }
    }
    return "(no id)";
  }
}
