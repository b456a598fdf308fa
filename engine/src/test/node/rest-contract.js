// Camunda's TypeScript REST client (@camunda8/orchestration-cluster-api, 8.8) with request and response
// validation strict (CAMUNDA_SDK_VALIDATION=req:strict,res:strict: every answer is parsed with the Zod schemas
// generated from Camunda's 8.8 OpenAPI document) calls every REST v2 endpoint the engine serves. RestContractIT
// starts the engine and runs this script. Every call runs even when one before failed; the script prints one
// RESULT line: the operations called, and for each that failed its validation issues or error.
const { createCamundaClient } = require('@camunda8/orchestration-cluster-api');
const fs = require('node:fs');
const path = require('node:path');

const RESOURCES = process.env.RESOURCES_DIR;
const client = (validation) => createCamundaClient({
  config: {
    CAMUNDA_REST_ADDRESS: process.env.CAMUNDA_REST_ADDRESS,
    CAMUNDA_AUTH_STRATEGY: 'BASIC',
    CAMUNDA_BASIC_AUTH_USERNAME: 'demo',
    CAMUNDA_BASIC_AUTH_PASSWORD: 'demo',
    CAMUNDA_SDK_VALIDATION: validation,
    CAMUNDA_SDK_HTTP_RETRY_MAX_ATTEMPTS: 1,
    CAMUNDA_SDK_LOG_LEVEL: 'silent',
  },
});
const camunda = client('req:strict,res:strict');
// Only for GET /decision-instances/{key}: Camunda's decision instance ids are "<evaluationKey>-<n>", which the 8.8
// schema's key pattern refuses as a request parameter (see RestContractIT); the answer is still validated.
const unvalidatedRequests = client('req:none,res:strict');
// Looks up a decision instance id without validating (the calls above validate the same answers).
const lookup = client('req:strict,res:none');
const NOW = { consistency: { waitUpToMs: 0 } };
const called = [];
const failures = {};

/** Runs one call; a failure (validation or HTTP) is recorded, not thrown. */
async function call(operation, invoke) {
  called.push(operation);
  try {
    return await invoke();
  } catch (error) {
    failures[operation] = {
      message: String(error && error.message),
      issues: error && error.issues,
      status: error && (error.status || error.statusCode),
      detail: error && (error.detail || (error.body && JSON.stringify(error.body))),
    };
    return undefined;
  }
}

/** Like call, but an HTTP status in {@code allowed} is an answer too (a batch may have ended already). */
async function callAllowing(operation, invoke, allowed) {
  const result = await call(operation, invoke);
  const failure = failures[operation];
  if (failure && allowed.includes(failure.status)) {
    delete failures[operation];
    return { status: failure.status };
  }
  return result;
}

/** Searches until the read model shows what the search looks for (it is updated after the commit). */
async function eventually(operation, invoke, found) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const result = await call(operation, invoke);
    if (result === undefined || found(result)) return result;
    called.pop();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  failures[operation] = { message: 'not found within 5 s' };
  return undefined;
}

const file = (name, type) => new File([fs.readFileSync(path.join(RESOURCES, name))], path.basename(name), { type });
const firstKey = (page, key) => (page && page.items && page.items.length ? page.items[0][key] : undefined);

async function main() {
  await call('getTopology', () => camunda.getTopology());
  await call('getAuthentication', () => camunda.getAuthentication());
  await call('getStatus', () => camunda.getStatus());

  const deployment = await call('createDeployment', () => camunda.createDeployment({
    resources: [
      file('bpmn/single-service-task.bpmn', 'application/xml'),
      file('bpmn/error-boundary-on-service-task.bpmn', 'application/xml'),
      file('bpmn/message-intermediate-catch.bpmn', 'application/xml'),
      file('bpmn/straight-through.bpmn', 'application/xml'),
      file('bpmn/user-task-with-linked-form.bpmn', 'application/xml'),
      file('forms/application-form.form', 'application/json'),
      file('forms/review-form.form', 'application/json'),
      file('bpmn/evaluation-grade.dmn', 'application/xml'),
    ],
  }));
  const definition = (id) => deployment && deployment.processes.find((p) => p.processDefinitionId === id);

  // process definitions
  const withForm = definition('user-task-with-linked-form');
  const definitionKey = withForm && withForm.processDefinitionKey;
  await call('searchProcessDefinitions', () => camunda.searchProcessDefinitions({ filter: { processDefinitionId: 'single-service-task' } }, NOW));
  await call('getProcessDefinition', () => camunda.getProcessDefinition({ processDefinitionKey: definitionKey }, NOW));
  await call('getProcessDefinitionXml', () => camunda.getProcessDefinitionXml({ processDefinitionKey: definitionKey }, NOW));
  await call('getStartProcessForm', () => camunda.getStartProcessForm({ processDefinitionKey: definitionKey }, NOW));

  // process instances: with and without the result, cancel, search, get, sequence flows
  await call('createProcessInstance (awaited)', () => camunda.createProcessInstance({
    processDefinitionId: 'straight-through', variables: { applicant: '社工机构' }, awaitCompletion: true, requestTimeout: 10_000,
  }));
  await call('createProcessInstance (awaited, no variables)', () => camunda.createProcessInstance({
    processDefinitionId: 'straight-through', awaitCompletion: true, fetchVariables: ['none'],
  }));
  const waiting = await call('createProcessInstance', () => camunda.createProcessInstance({
    processDefinitionId: 'message-intermediate-catch', variables: { tenderId: 'KS-2016-ZP-Y1' },
  }));
  const toCancel = await call('createProcessInstance (by key)', () => camunda.createProcessInstance({
    processDefinitionKey: definition('message-intermediate-catch') && definition('message-intermediate-catch').processDefinitionKey,
    variables: { tenderId: 'KS-2016-ZP-Y2' },
  }));
  const waitingKey = waiting && waiting.processInstanceKey;
  await eventually('searchProcessInstances', () => camunda.searchProcessInstances({ filter: { processInstanceKey: waitingKey } }, NOW), (page) => page.items.length === 1);
  await call('getProcessInstance', () => camunda.getProcessInstance({ processInstanceKey: waitingKey }, NOW));
  await call('getProcessInstanceSequenceFlows', () => camunda.getProcessInstanceSequenceFlows({ processInstanceKey: waitingKey }, NOW));

  // element instances and variables
  const elements = await call('searchElementInstances', () => camunda.searchElementInstances({ filter: { processInstanceKey: waitingKey } }, NOW));
  await call('getElementInstance', () => camunda.getElementInstance({ elementInstanceKey: firstKey(elements, 'elementInstanceKey') }, NOW));
  await call('createElementInstanceVariables', () => camunda.createElementInstanceVariables({ elementInstanceKey: waitingKey, variables: { note: '补充材料' } }));
  const variables = await eventually('searchVariables', () => camunda.searchVariables({ filter: { processInstanceKey: waitingKey } }, NOW), (page) => page.items.length >= 2);
  await call('getVariable', () => camunda.getVariable({ variableKey: firstKey(variables, 'variableKey') }, NOW));

  // messages and signals
  await eventually('searchMessageSubscriptions', () => camunda.searchMessageSubscriptions({ filter: { processInstanceKey: waitingKey } }, NOW), (page) => page.items.length === 1);
  await call('publishMessage', () => camunda.publishMessage({ name: 'BidSubmitted', correlationKey: 'KS-2016-ZP-Y9', timeToLive: 60_000, variables: { amountFen: 1_250_000 } }));
  await call('correlateMessage', () => camunda.correlateMessage({ name: 'BidSubmitted', correlationKey: 'KS-2016-ZP-Y1', variables: { bid: 1 } }));
  await eventually('searchCorrelatedMessageSubscriptions', () => camunda.searchCorrelatedMessageSubscriptions({ filter: { processInstanceKey: waitingKey } }, NOW), (page) => page.items.length === 1);
  await call('broadcastSignal', () => camunda.broadcastSignal({ signalName: 'AuditRequested', variables: {} }));
  await call('cancelProcessInstance', () => camunda.cancelProcessInstance({ processInstanceKey: toCancel && toCancel.processInstanceKey }));

  // jobs: activate, complete, fail (an incident), update, resolve, error
  await call('createProcessInstance (job)', () => camunda.createProcessInstance({ processDefinitionId: 'single-service-task' }));
  await call('createProcessInstance (job to fail)', () => camunda.createProcessInstance({ processDefinitionId: 'single-service-task' }));
  const work = await call('activateJobs', () => camunda.activateJobs({ type: 'work', worker: 'contract', timeout: 60_000, maxJobsToActivate: 2, requestTimeout: 5_000 }));
  const [toComplete, toFail] = work ? work.jobs : [];
  await call('completeJob', () => camunda.completeJob({ jobKey: toComplete && toComplete.jobKey, variables: { handledBy: 'node' } }));
  await call('failJob', () => camunda.failJob({ jobKey: toFail && toFail.jobKey, retries: 0, errorMessage: 'node failed it', retryBackOff: 0 }));
  await call('searchJobs', () => camunda.searchJobs({ filter: { type: 'work' } }, NOW));
  const incidents = await eventually('searchIncidents', () => camunda.searchIncidents({ filter: { processInstanceKey: toFail && toFail.processInstanceKey } }, NOW), (page) => page.items.length === 1);
  const incidentKey = firstKey(incidents, 'incidentKey');
  await call('getIncident', () => camunda.getIncident({ incidentKey }, NOW));
  await call('updateJob', () => camunda.updateJob({ jobKey: toFail && toFail.jobKey, changeset: { retries: 1 } }));
  await call('resolveIncident', () => camunda.resolveIncident({ incidentKey }));
  // an ad-hoc sub-process implemented by a job worker: its job completed with an adHocSubProcess result
  await call('createDeployment (ad-hoc)', () => camunda.createDeployment({ resources: [file('bpmn/ad-hoc-job-worker.bpmn', 'application/xml')] }));
  await call('createProcessInstance (ad-hoc)', () => camunda.createProcessInstance({ processDefinitionId: 'ad-hoc-job-worker' }));
  const agent = await call('activateJobs (ad-hoc)', () => camunda.activateJobs({ type: 'evaluation-agent', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 5_000 }));
  await call('completeJob (ad-hoc result)', () => camunda.completeJob({
    jobKey: agent && agent.jobs[0] && agent.jobs[0].jobKey,
    variables: { round: 1 },
    result: {
      type: 'adHocSubProcess',
      activateElements: [{ elementId: 'Task_Technical', variables: { lot: 'A' } }],
      isCompletionConditionFulfilled: false,
      isCancelRemainingInstances: false,
    },
  }));
  await call('activateJobs (none)', () => camunda.activateJobs({ type: 'nobody-has-this', timeout: 1_000, maxJobsToActivate: 1, requestTimeout: -1 }));
  await call('createProcessInstance (job to throw)', () => camunda.createProcessInstance({ processDefinitionId: 'error-boundary-on-service-task' }));
  const pay = await call('activateJobs (pay)', () => camunda.activateJobs({ type: 'pay', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 5_000 }));
  await call('throwJobError', () => camunda.throwJobError({ jobKey: pay && pay.jobs[0] && pay.jobs[0].jobKey, errorCode: 'BUDGET', errorMessage: 'no budget' }));

  // user tasks and forms
  const withTask = await call('createProcessInstance (user task)', () => camunda.createProcessInstance({ processDefinitionId: 'user-task-with-linked-form', variables: { applicant: '社工机构' } }));
  const tasks = await eventually('searchUserTasks', () => camunda.searchUserTasks({ filter: { processInstanceKey: withTask && withTask.processInstanceKey } }, NOW), (page) => page.items.length === 1);
  const userTaskKey = firstKey(tasks, 'userTaskKey');
  await call('getUserTask', () => camunda.getUserTask({ userTaskKey }, NOW));
  await call('getUserTaskForm', () => camunda.getUserTaskForm({ userTaskKey }, NOW));
  await call('assignUserTask', () => camunda.assignUserTask({ userTaskKey, assignee: 'demo', allowOverride: true }));
  await call('unassignUserTask', () => camunda.unassignUserTask({ userTaskKey }));
  await call('updateUserTask', () => camunda.updateUserTask({ userTaskKey, changeset: { priority: 80, candidateGroups: ['civil-affairs'] } }));
  await call('searchUserTaskVariables', () => camunda.searchUserTaskVariables({ userTaskKey }, NOW));
  await call('completeUserTask', () => camunda.completeUserTask({ userTaskKey, variables: { approved: true } }));

  // decisions
  await call('evaluateDecision', () => camunda.evaluateDecision({ decisionDefinitionId: 'evaluation-grade', variables: { score: 95 } }));
  const decisions = await call('searchDecisionDefinitions', () => camunda.searchDecisionDefinitions({ filter: { decisionDefinitionId: 'evaluation-grade' } }, NOW));
  const decisionKey = firstKey(decisions, 'decisionDefinitionKey');
  await call('getDecisionDefinition', () => camunda.getDecisionDefinition({ decisionDefinitionKey: decisionKey }, NOW));
  await call('getDecisionDefinitionXml', () => camunda.getDecisionDefinitionXml({ decisionDefinitionKey: decisionKey }, NOW));
  const requirements = await call('searchDecisionRequirements', () => camunda.searchDecisionRequirements({}, NOW));
  const requirementsKey = firstKey(requirements, 'decisionRequirementsKey');
  await call('getDecisionRequirements', () => camunda.getDecisionRequirements({ decisionRequirementsKey: requirementsKey }, NOW));
  await call('getDecisionRequirementsXml', () => camunda.getDecisionRequirementsXml({ decisionRequirementsKey: requirementsKey }, NOW));
  const evaluations = await eventually('searchDecisionInstances', () => camunda.searchDecisionInstances({ filter: { decisionDefinitionKey: decisionKey } }, NOW), (page) => page.items.length >= 1);
  const evaluationId = firstKey(evaluations || await lookup.searchDecisionInstances({ filter: { decisionDefinitionKey: decisionKey } }, NOW), 'decisionEvaluationInstanceKey');
  await call('getDecisionInstance', () => unvalidatedRequests.getDecisionInstance({ decisionEvaluationInstanceKey: evaluationId }, NOW));

  // more element kinds, states, incident types and user task attributes for the searches below
  const kinds = ['call-activity-parent', 'call-activity-child', 'multi-instance-sub-process', 'event-based-gateway',
    'inclusive-gateway-fork-and-join', 'business-rule-task-grade', 'business-rule-task-missing-decision',
    'timer-intermediate-catch-duration', 'user-task-with-assignment', 'uncaught-error-end-event', 'terminate-end-event',
    'escalation-non-interrupting-boundary', 'signal-events', 'receive-task', 'io-mappings-and-scopes',
    'event-sub-process-timer-cycle-non-interrupting', 'multi-instance-parallel-task', 'user-task-job-based'];
  await call('createDeployment (element kinds)', () => camunda.createDeployment({
    resources: kinds.map((id) => file(`bpmn/${id}.bpmn`, 'application/xml')),
  }));
  const startVariables = {
    score: 95, numbers: [1, 2], courses: ['pasta'], tenderId: 'KS-9', reviewer: 'demo', urgency: 5,
    dueAt: '2025-08-25T09:00:00+08:00', evaluationPeriod: 'PT1H', applicant: '社工机构', items: ['a', 'b'],
  };
  for (const id of kinds.filter((k) => k !== 'call-activity-child')) {
    await call(`createProcessInstance (${id})`, () => camunda.createProcessInstance({ processDefinitionId: id, variables: startVariables }));
  }

  // batch operations (the batch-operation endpoints of 8.8): created over a filter, then read, searched and
  // suspended, resumed, cancelled (a batch that has already ended is not found: 404)
  const batchDefinition = definition('single-service-task') && definition('single-service-task').processDefinitionKey;
  const forBatch = await call('createProcessInstance (batch)', () => camunda.createProcessInstance({ processDefinitionId: 'single-service-task' }));
  const batchFilter = { processInstanceKey: forBatch && forBatch.processInstanceKey };
  await call('migrateProcessInstancesBatchOperation', () => camunda.migrateProcessInstancesBatchOperation({
    filter: batchFilter,
    migrationPlan: { targetProcessDefinitionKey: batchDefinition, mappingInstructions: [{ sourceElementId: 'Task_Work', targetElementId: 'Task_Work' }] },
  }, NOW));
  await call('modifyProcessInstancesBatchOperation', () => camunda.modifyProcessInstancesBatchOperation({
    filter: batchFilter, moveInstructions: [{ sourceElementId: 'Task_Work', targetElementId: 'Task_Work' }],
  }, NOW));
  await call('resolveIncidentsBatchOperation', () => camunda.resolveIncidentsBatchOperation({ filter: batchFilter }, NOW));
  const batch = await call('cancelProcessInstancesBatchOperation', () => camunda.cancelProcessInstancesBatchOperation({ filter: batchFilter }, NOW));
  const batchOperationKey = batch && batch.batchOperationKey;
  const suspended = await callAllowing('suspendBatchOperation', () => camunda.suspendBatchOperation({ batchOperationKey }, NOW), [404]);
  await callAllowing('resumeBatchOperation', () => camunda.resumeBatchOperation({ batchOperationKey }, NOW), suspended && suspended.status === 404 ? [404] : []);
  await callAllowing('cancelBatchOperation', () => camunda.cancelBatchOperation({ batchOperationKey }, NOW), [404]);
  await call('getBatchOperation', () => camunda.getBatchOperation({ batchOperationKey }, NOW));
  await call('searchBatchOperations', () => camunda.searchBatchOperations({}, NOW));
  await call('searchBatchOperationItems', () => camunda.searchBatchOperationItems({}, NOW));

  // every search once more with the whole answer (no filter), so each kind of record is validated
  await call('searchProcessInstances (all)', () => camunda.searchProcessInstances({}, NOW));
  await call('searchElementInstances (all)', () => camunda.searchElementInstances({}, NOW));
  await call('searchVariables (all)', () => camunda.searchVariables({}, NOW));
  await call('searchJobs (all)', () => camunda.searchJobs({}, NOW));
  await call('searchIncidents (all)', () => camunda.searchIncidents({}, NOW));
  await call('searchUserTasks (all)', () => camunda.searchUserTasks({}, NOW));
  await call('searchProcessDefinitions (all)', () => camunda.searchProcessDefinitions({}, NOW));
  await call('searchDecisionDefinitions (all)', () => camunda.searchDecisionDefinitions({}, NOW));
  await call('searchDecisionInstances (all)', () => camunda.searchDecisionInstances({}, NOW));
  await call('searchMessageSubscriptions (all)', () => camunda.searchMessageSubscriptions({}, NOW));
  await call('searchCorrelatedMessageSubscriptions (all)', () => camunda.searchCorrelatedMessageSubscriptions({}, NOW));

  // paging with the cursors the engine gave (validated as requests too)
  const firstPage = await call('searchProcessInstances (page)', () => camunda.searchProcessInstances({ page: { limit: 1 } }, NOW));
  await call('searchProcessInstances (next page)', () => camunda.searchProcessInstances({ page: { limit: 1, after: firstPage && firstPage.page.endCursor } }, NOW));

  // identity: users, groups, roles, tenants, mapping rules, memberships, authorizations
  await call('createUser', () => camunda.createUser({ username: 'contract.user', password: 'contract-密码', name: '合同用户', email: 'contract@example.gov.cn' }, NOW));
  await call('searchUsers', () => camunda.searchUsers({ filter: { username: 'contract.user' } }, NOW));
  await call('getUser', () => camunda.getUser({ username: 'contract.user' }, NOW));
  await call('updateUser', () => camunda.updateUser({ username: 'contract.user', name: '合同用户二' }, NOW));
  await call('createGroup', () => camunda.createGroup({ groupId: 'contract-group', name: '合同组', description: 'd' }));
  await call('searchGroups', () => camunda.searchGroups({}, NOW));
  await call('getGroup', () => camunda.getGroup({ groupId: 'contract-group' }, NOW));
  await call('updateGroup', () => camunda.updateGroup({ groupId: 'contract-group', name: '合同组二', description: 'd2' }));
  await call('createRole', () => camunda.createRole({ roleId: 'contract-role', name: '合同角色' }));
  await call('searchRoles', () => camunda.searchRoles({}, NOW));
  await call('getRole', () => camunda.getRole({ roleId: 'contract-role' }, NOW));
  await call('updateRole', () => camunda.updateRole({ roleId: 'contract-role', name: '合同角色二', description: '' }));
  await call('createTenant', () => camunda.createTenant({ tenantId: 'contract-tenant', name: '合同租户' }));
  await call('searchTenants', () => camunda.searchTenants({}, NOW));
  await call('getTenant', () => camunda.getTenant({ tenantId: 'contract-tenant' }, NOW));
  await call('updateTenant', () => camunda.updateTenant({ tenantId: 'contract-tenant', name: '合同租户二', description: '' }));
  await call('createMappingRule', () => camunda.createMappingRule({ mappingRuleId: 'contract-rule', claimName: 'department', claimValue: 'contract', name: '合同规则' }));
  await call('searchMappingRule', () => camunda.searchMappingRule({}, NOW));
  await call('getMappingRule', () => camunda.getMappingRule({ mappingRuleId: 'contract-rule' }, NOW));
  await call('updateMappingRule', () => camunda.updateMappingRule({ mappingRuleId: 'contract-rule', claimName: 'department', claimValue: 'contract2', name: '合同规则' }));
  await call('assignUserToGroup', () => camunda.assignUserToGroup({ groupId: 'contract-group', username: 'contract.user' }));
  await call('assignMappingRuleToGroup', () => camunda.assignMappingRuleToGroup({ groupId: 'contract-group', mappingRuleId: 'contract-rule' }));
  await call('assignClientToGroup', () => camunda.assignClientToGroup({ groupId: 'contract-group', clientId: 'contract-client' }));
  await call('assignRoleToUser', () => camunda.assignRoleToUser({ roleId: 'contract-role', username: 'contract.user' }));
  await call('assignRoleToGroup', () => camunda.assignRoleToGroup({ roleId: 'contract-role', groupId: 'contract-group' }));
  await call('assignRoleToMappingRule', () => camunda.assignRoleToMappingRule({ roleId: 'contract-role', mappingRuleId: 'contract-rule' }));
  await call('assignRoleToClient', () => camunda.assignRoleToClient({ roleId: 'contract-role', clientId: 'contract-client' }));
  await call('assignUserToTenant', () => camunda.assignUserToTenant({ tenantId: 'contract-tenant', username: 'contract.user' }));
  await call('assignGroupToTenant', () => camunda.assignGroupToTenant({ tenantId: 'contract-tenant', groupId: 'contract-group' }));
  await call('assignRoleToTenant', () => camunda.assignRoleToTenant({ tenantId: 'contract-tenant', roleId: 'contract-role' }));
  await call('assignMappingRuleToTenant', () => camunda.assignMappingRuleToTenant({ tenantId: 'contract-tenant', mappingRuleId: 'contract-rule' }));
  await call('assignClientToTenant', () => camunda.assignClientToTenant({ tenantId: 'contract-tenant', clientId: 'contract-client' }));
  await call('searchUsersForGroup', () => camunda.searchUsersForGroup({ groupId: 'contract-group' }, NOW));
  await call('searchMappingRulesForGroup', () => camunda.searchMappingRulesForGroup({ groupId: 'contract-group' }, NOW));
  await call('searchClientsForGroup', () => camunda.searchClientsForGroup({ groupId: 'contract-group' }, NOW));
  await call('searchRolesForGroup', () => camunda.searchRolesForGroup({ groupId: 'contract-group' }, NOW));
  await call('searchUsersForRole', () => camunda.searchUsersForRole({ roleId: 'contract-role' }, NOW));
  await call('searchGroupsForRole', () => camunda.searchGroupsForRole({ roleId: 'contract-role' }, NOW));
  await call('searchMappingRulesForRole', () => camunda.searchMappingRulesForRole({ roleId: 'contract-role' }, NOW));
  await call('searchClientsForRole', () => camunda.searchClientsForRole({ roleId: 'contract-role' }, NOW));
  await call('searchUsersForTenant', () => camunda.searchUsersForTenant({ tenantId: 'contract-tenant' }, NOW));
  await call('searchGroupIdsForTenant', () => camunda.searchGroupIdsForTenant({ tenantId: 'contract-tenant' }, NOW));
  await call('searchRolesForTenant', () => camunda.searchRolesForTenant({ tenantId: 'contract-tenant' }, NOW));
  await call('searchMappingRulesForTenant', () => camunda.searchMappingRulesForTenant({ tenantId: 'contract-tenant' }, NOW));
  await call('searchClientsForTenant', () => camunda.searchClientsForTenant({ tenantId: 'contract-tenant' }, NOW));
  const grant = await call('createAuthorization', () => camunda.createAuthorization({ ownerId: 'contract-role', ownerType: 'ROLE', resourceId: '*', resourceType: 'PROCESS_DEFINITION', permissionTypes: ['READ_PROCESS_INSTANCE'] }));
  const authorizationKey = grant && grant.authorizationKey;
  await call('searchAuthorizations', () => camunda.searchAuthorizations({ filter: { ownerId: 'contract-role' } }, NOW));
  await call('getAuthorization', () => camunda.getAuthorization({ authorizationKey }, NOW));
  await call('updateAuthorization', () => camunda.updateAuthorization({ authorizationKey, ownerId: 'contract-role', ownerType: 'ROLE', resourceId: '*', resourceType: 'PROCESS_DEFINITION', permissionTypes: ['READ_PROCESS_INSTANCE', 'READ_USER_TASK'] }));
  await call('unassignUserFromGroup', () => camunda.unassignUserFromGroup({ groupId: 'contract-group', username: 'contract.user' }));
  await call('unassignMappingRuleFromGroup', () => camunda.unassignMappingRuleFromGroup({ groupId: 'contract-group', mappingRuleId: 'contract-rule' }));
  await call('unassignClientFromGroup', () => camunda.unassignClientFromGroup({ groupId: 'contract-group', clientId: 'contract-client' }));
  await call('unassignRoleFromUser', () => camunda.unassignRoleFromUser({ roleId: 'contract-role', username: 'contract.user' }));
  await call('unassignRoleFromGroup', () => camunda.unassignRoleFromGroup({ roleId: 'contract-role', groupId: 'contract-group' }));
  await call('unassignRoleFromMappingRule', () => camunda.unassignRoleFromMappingRule({ roleId: 'contract-role', mappingRuleId: 'contract-rule' }));
  await call('unassignRoleFromClient', () => camunda.unassignRoleFromClient({ roleId: 'contract-role', clientId: 'contract-client' }));
  await call('unassignUserFromTenant', () => camunda.unassignUserFromTenant({ tenantId: 'contract-tenant', username: 'contract.user' }));
  await call('unassignGroupFromTenant', () => camunda.unassignGroupFromTenant({ tenantId: 'contract-tenant', groupId: 'contract-group' }));
  await call('unassignRoleFromTenant', () => camunda.unassignRoleFromTenant({ tenantId: 'contract-tenant', roleId: 'contract-role' }));
  await call('unassignMappingRuleFromTenant', () => camunda.unassignMappingRuleFromTenant({ tenantId: 'contract-tenant', mappingRuleId: 'contract-rule' }));
  await call('unassignClientFromTenant', () => camunda.unassignClientFromTenant({ tenantId: 'contract-tenant', clientId: 'contract-client' }));
  await call('deleteAuthorization', () => camunda.deleteAuthorization({ authorizationKey }));
  await call('deleteMappingRule', () => camunda.deleteMappingRule({ mappingRuleId: 'contract-rule' }));
  await call('deleteTenant', () => camunda.deleteTenant({ tenantId: 'contract-tenant' }));
  await call('deleteRole', () => camunda.deleteRole({ roleId: 'contract-role' }));
  await call('deleteGroup', () => camunda.deleteGroup({ groupId: 'contract-group' }));
  await call('deleteUser', () => camunda.deleteUser({ username: 'contract.user' }, NOW));

  console.log('RESULT ' + JSON.stringify({ called, failures }));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
