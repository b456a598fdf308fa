// Camunda's Node.js SDK (@camunda8/sdk: its Zeebe client speaks gRPC through grpc-js, a client written
// apart from the Java one) drives the engine's gRPC gateway. NodeClientIT starts the engine, runs this
// script and checks the engine's side; the script checks what the client sees and prints one RESULT line.
const { Camunda8 } = require('@camunda8/sdk');
const assert = require('node:assert/strict');

const settings = (password) => ({
  ZEEBE_GRPC_ADDRESS: process.env.ZEEBE_GRPC_ADDRESS,
  ZEEBE_REST_ADDRESS: process.env.ZEEBE_REST_ADDRESS,
  CAMUNDA_AUTH_STRATEGY: 'BASIC',
  CAMUNDA_BASIC_AUTH_USERNAME: 'demo',
  CAMUNDA_BASIC_AUTH_PASSWORD: password,
  ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
});
const PROCESS = 'single-service-task';
const failure = (promise) => promise.then(() => assert.fail('expected the call to fail'), (error) => error);
const within = (promise, what) => Promise.race([promise,
  new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} did not happen within 20 s`)), 20_000))]);

async function main() {
  const zeebe = new Camunda8(settings('demo')).getZeebeGrpcApiClient();
  const result = {};

  const topology = await zeebe.topology();
  result.gatewayVersion = topology.gatewayVersion;
  result.partitions = topology.brokers.flatMap((broker) => broker.partitions.map((p) => `${p.partitionId}:${p.role}`));

  const intruder = new Camunda8(settings('wrong')).getZeebeGrpcApiClient();
  result.wrongPasswordCode = (await failure(intruder.topology())).code;
  await intruder.close();

  const deployment = await zeebe.deployResource({ processFilename: process.env.BPMN_FILE });
  result.deployed = deployment.deployments[0].process.bpmnProcessId;

  // a polling worker completes the job of an instance created with its result awaited
  const poller = zeebe.createWorker({
    taskType: 'work',
    pollInterval: 300,
    taskHandler: (job) => job.complete({ handledBy: 'node-poller' }),
  });
  const withResult = await zeebe.createProcessInstanceWithResult({
    bpmnProcessId: PROCESS, variables: { contractNo: 'KS-2016-ZP-Y1' }, requestTimeout: 15_000,
  });
  result.withResult = { processInstanceKey: withResult.processInstanceKey, variables: withResult.variables };
  await poller.close();

  // one activation by hand, failed with no retries left: an incident
  const failedInstance = await zeebe.createProcessInstance({ bpmnProcessId: PROCESS, variables: {} });
  const activated = await zeebe.activateJobs({
    type: 'work', worker: 'node-by-hand', maxJobsToActivate: 5, timeout: 60_000, requestTimeout: 10_000,
  });
  assert.equal(activated.length, 1, 'one job to activate');
  assert.equal(activated[0].processInstanceKey, failedInstance.processInstanceKey);
  await zeebe.failJob({ jobKey: activated[0].key, retries: 0, errorMessage: 'node failed it', retryBackOff: 0 });
  result.failedInstance = failedInstance.processInstanceKey;

  // variables set on an instance, which is then cancelled
  const cancelled = await zeebe.createProcessInstance({ bpmnProcessId: PROCESS, variables: {} });
  await zeebe.setVariables({ elementInstanceKey: cancelled.processInstanceKey, variables: { note: '撤回' }, local: false });
  await zeebe.cancelProcessInstance(cancelled.processInstanceKey);
  result.cancelledInstance = cancelled.processInstanceKey;

  result.messageKey = (await zeebe.publishMessage({ name: 'nobody-waits', correlationKey: 'k', variables: {}, timeToLive: 1000 })).key;
  result.signalKey = (await zeebe.broadcastSignal({ signalName: 'nobody-waits', variables: {} })).key;

  const unknownJob = await failure(zeebe.completeJob({ jobKey: '2251799813999999', variables: {} }));
  result.unknownJob = { code: unknownJob.code, details: unknownJob.details };

  // job push: the stream's handler completes the job of an instance created after it opened
  let streamed;
  const handled = new Promise((resolve) => { streamed = resolve; });
  zeebe.streamJobs({
    type: 'work',
    worker: 'node-stream',
    timeout: 60_000,
    taskHandler: async (job) => {
      const ack = await job.complete({ handledBy: 'node-stream' });
      streamed(job.processInstanceKey);
      return ack;
    },
  });
  const pushed = await zeebe.createProcessInstance({ bpmnProcessId: PROCESS, variables: {} });
  assert.equal(await within(handled, 'the streamed job'), pushed.processInstanceKey);
  result.streamedInstance = pushed.processInstanceKey;

  console.log('RESULT ' + JSON.stringify(result));
  await zeebe.close();
}

main().then(() => process.exit(0), (error) => {
  console.error('FAILED', error);
  process.exit(1);
});
