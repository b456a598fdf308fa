package io.civicflow.engine.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.engine.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's REST answers conform to Camunda's 8.8 schema: Camunda's TypeScript client ({@code
 * @camunda8/orchestration-cluster-api} 8.8, whose Zod schemas are generated from Camunda's OpenAPI
 * document) runs {@code src/test/node/rest-contract.js} against the standalone engine with request
 * and response validation strict, over every REST v2 endpoint the engine serves. Any issue the
 * validator reports fails this test, except the ones in {@link #CAMUNDAS_OWN}: places where the
 * 8.8 schema contradicts what Camunda's own server answers, where the engine answers as Camunda
 * does.
 */
class RestContractIT {

  private static final Path SCRIPT_DIR = Path.of("src/test/node");
  private static final Path RESOURCES = Path.of("target/test-classes");

  /**
   * Schema issues Camunda's 8.8 server has too (issue text pattern → why the engine keeps them).
   */
  private static final Map<Pattern, String> CAMUNDAS_OWN =
      Map.of(
          Pattern.compile(
              "^(items\\.\\d+\\.|evaluatedDecisions\\.\\d+\\.)?decisionEvaluationInstanceKey:"
                  + " Invalid string: must match pattern .*"),
          "Camunda's decision instance ids are \"<decisionEvaluationKey>-<n>\" (camunda/camunda"
              + " #36731), which the schema's key pattern refuses; the Java client and CPT pass"
              + " them back as they are",
          Pattern.compile("^failedDecisionDefinitionId: .*"),
          "required and non-empty in the schema, but a successful evaluation has no failed"
              + " decision: the engine answers \"\", as Camunda does");

  /** Every operation the script must have called: the endpoints the engine serves. */
  private static final List<String> OPERATIONS =
      List.of(
          "getTopology",
          "getStatus",
          "getAuthentication",
          "createDeployment",
          "searchProcessDefinitions",
          "getProcessDefinition",
          "getProcessDefinitionXml",
          "getStartProcessForm",
          "createProcessInstance",
          "createProcessInstance (awaited)",
          "cancelProcessInstance",
          "searchProcessInstances",
          "getProcessInstance",
          "getProcessInstanceSequenceFlows",
          "searchElementInstances",
          "getElementInstance",
          "createElementInstanceVariables",
          "searchVariables",
          "getVariable",
          "publishMessage",
          "correlateMessage",
          "searchMessageSubscriptions",
          "searchCorrelatedMessageSubscriptions",
          "broadcastSignal",
          "activateJobs",
          "completeJob",
          "completeJob (ad-hoc result)",
          "failJob",
          "throwJobError",
          "updateJob",
          "searchJobs",
          "searchIncidents",
          "getIncident",
          "resolveIncident",
          "searchUserTasks",
          "getUserTask",
          "getUserTaskForm",
          "assignUserTask",
          "unassignUserTask",
          "updateUserTask",
          "completeUserTask",
          "searchUserTaskVariables",
          "evaluateDecision",
          "searchDecisionDefinitions",
          "getDecisionDefinition",
          "getDecisionDefinitionXml",
          "searchDecisionRequirements",
          "getDecisionRequirements",
          "getDecisionRequirementsXml",
          "searchDecisionInstances",
          "migrateProcessInstancesBatchOperation",
          "modifyProcessInstancesBatchOperation",
          "resolveIncidentsBatchOperation",
          "cancelProcessInstancesBatchOperation",
          "suspendBatchOperation",
          "resumeBatchOperation",
          "cancelBatchOperation",
          "getBatchOperation",
          "searchBatchOperations",
          "searchBatchOperationItems",
          "getDecisionInstance",
          "createUser",
          "searchUsers",
          "getUser",
          "updateUser",
          "createGroup",
          "searchGroups",
          "getGroup",
          "updateGroup",
          "createRole",
          "searchRoles",
          "getRole",
          "updateRole",
          "createTenant",
          "searchTenants",
          "getTenant",
          "updateTenant",
          "createMappingRule",
          "searchMappingRule",
          "getMappingRule",
          "updateMappingRule",
          "assignUserToGroup",
          "assignMappingRuleToGroup",
          "assignClientToGroup",
          "assignRoleToUser",
          "assignRoleToGroup",
          "assignRoleToMappingRule",
          "assignRoleToClient",
          "assignUserToTenant",
          "assignGroupToTenant",
          "assignRoleToTenant",
          "assignMappingRuleToTenant",
          "assignClientToTenant",
          "searchUsersForGroup",
          "searchMappingRulesForGroup",
          "searchClientsForGroup",
          "searchRolesForGroup",
          "searchUsersForRole",
          "searchGroupsForRole",
          "searchMappingRulesForRole",
          "searchClientsForRole",
          "searchUsersForTenant",
          "searchGroupIdsForTenant",
          "searchRolesForTenant",
          "searchMappingRulesForTenant",
          "searchClientsForTenant",
          "createAuthorization",
          "searchAuthorizations",
          "getAuthorization",
          "updateAuthorization",
          "unassignUserFromGroup",
          "unassignMappingRuleFromGroup",
          "unassignClientFromGroup",
          "unassignRoleFromUser",
          "unassignRoleFromGroup",
          "unassignRoleFromMappingRule",
          "unassignRoleFromClient",
          "unassignUserFromTenant",
          "unassignGroupFromTenant",
          "unassignRoleFromTenant",
          "unassignMappingRuleFromTenant",
          "unassignClientFromTenant",
          "deleteAuthorization",
          "deleteMappingRule",
          "deleteTenant",
          "deleteRole",
          "deleteGroup",
          "deleteUser");

  @TempDir Path dataDir;
  @TempDir Path output;

  @Test
  void camundasTypeScriptClientAcceptsEveryAnswerWithStrictValidation() throws Exception {
    assertThat(SCRIPT_DIR.resolve("node_modules/@camunda8/orchestration-cluster-api"))
        .as("installed by npm ci (pre-integration-test)")
        .isDirectory();
    int restPort = FreePorts.next();
    Process engine =
        EngineProcesses.start(
            EngineProcesses.jarCommand(), dataDir, restPort, FreePorts.next(), FreePorts.next());
    try {
      JsonNode result = runScript(restPort);

      List<String> called = new ArrayList<>();
      result.get("called").forEach(operation -> called.add(operation.asText()));
      assertThat(called).containsAll(OPERATIONS);

      Map<String, List<String>> unexplained = new LinkedHashMap<>();
      result
          .get("failures")
          .fields()
          .forEachRemaining(
              failure -> {
                List<String> issues = new ArrayList<>();
                JsonNode listed = failure.getValue().get("issues");
                if (listed == null || !listed.isArray()) {
                  issues.add(failure.getValue().toString()); // not a schema issue: an error
                } else {
                  listed.forEach(issue -> issues.add(issue.asText()));
                }
                issues.removeIf(
                    issue -> CAMUNDAS_OWN.keySet().stream().anyMatch(p -> p.matcher(issue).find()));
                if (!issues.isEmpty()) {
                  unexplained.put(failure.getKey(), issues);
                }
              });
      assertThat(unexplained).as("answers Camunda's 8.8 schema refuses").isEmpty();
    } finally {
      engine.destroy();
      engine.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Runs the script to its end (at most two minutes) and returns its RESULT line. */
  private JsonNode runScript(int restPort) throws IOException, InterruptedException {
    Path stdout = output.resolve("node.out");
    Path stderr = output.resolve("node.err");
    ProcessBuilder node =
        new ProcessBuilder("node", "rest-contract.js")
            .directory(SCRIPT_DIR.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    node.environment()
        .putAll(
            Map.of(
                "CAMUNDA_REST_ADDRESS",
                "http://127.0.0.1:" + restPort,
                "RESOURCES_DIR",
                RESOURCES.toAbsolutePath().toString()));
    Process script = node.start();
    boolean ended = script.waitFor(2, TimeUnit.MINUTES);
    if (!ended) {
      script.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    assertThat(ended)
        .as("the script ended within two minutes; it wrote:%n%s%n%s", out, err)
        .isTrue();
    assertThat(script.exitValue())
        .as("the script's exit code; it wrote:%n%s%n%s", out, err)
        .isZero();
    String line =
        out.lines()
            .filter(l -> l.startsWith("RESULT "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no RESULT line in:\n" + out + "\n" + err));
    return new ObjectMapper().readTree(line.substring("RESULT ".length()));
  }
}
