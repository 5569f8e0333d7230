import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_IDS, flinkFixture } from '../../../testing/flink-fixtures.js';
import { waitFor } from '../../../testing/wait-for.js';
import { FlinkRestBackend } from './flink-rest-backend.js';
import { flinkTriggerId } from './savepoint-operations.js';

// What a real cluster cannot easily be made to do in a test, against a stand-in Flink that
// answers with captured answers (fixtures/): a savepoint that fails, a cluster without a
// savepoint directory, a job under the default scheduler that was not started through Weir.
type Route = (body: unknown) => { status?: number; json: unknown };
const routes = new Map<string, Route>();
const calls: { route: string; body: unknown }[] = [];
let server: Server;
let backend: FlinkRestBackend;

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      const route = `${req.method} ${req.url}`;
      const body = text ? JSON.parse(text) : undefined;
      calls.push({ route, body });
      const answer = routes.get(route)?.(body) ?? { status: 404, json: { errors: [route] } };
      res.statusCode = answer.status ?? 200;
      res.end(JSON.stringify(answer.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const JOB = FIXTURE_IDS.job;
const SAVEPOINT_DIR = [{ key: 'execution.checkpointing.savepoint-dir', value: 'file:///sp' }];
const answer = (json: unknown) => () => ({ json });
/** Answers `first` once, then `then` every time after. */
const onceThen = (first: unknown, then: unknown) => {
  let asked = false;
  return () => {
    const json = asked ? then : first;
    asked = true;
    return { json };
  };
};

beforeEach(() => {
  routes.clear();
  calls.length = 0;
  const { port } = server.address() as AddressInfo;
  backend = new FlinkRestBackend({
    clusterId: 'stand-in',
    restUrl: `http://127.0.0.1:${port}`,
    savepointTimeoutMs: 5_000,
    settleTimeoutMs: 5_000,
  });
});

describe('FlinkRestBackend savepoints', () => {
  it('refuses a savepoint on a cluster without a savepoint directory, asking nothing more', async () => {
    routes.set('GET /jobmanager/config', answer([]));
    await expect(backend.triggerSavepoint(JOB)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/has no savepoint directory: set execution\.checkpointing/),
    });
    expect(calls.map((call) => call.route)).toEqual(['GET /jobmanager/config']);
  });

  it('turns a failed savepoint (Flink: COMPLETED with a failure cause) into an error in words', async () => {
    routes.set('GET /jobmanager/config', answer(SAVEPOINT_DIR));
    const triggerId = flinkTriggerId('console-click-1');
    routes.set(`POST /jobs/${JOB}/savepoints`, answer({ 'request-id': triggerId }));
    routes.set(
      `GET /jobs/${JOB}/savepoints/${triggerId}`,
      onceThen(flinkFixture('savepoint-in-progress'), flinkFixture('savepoint-failed')),
    );
    await expect(backend.triggerSavepoint(JOB, 'console-click-1')).rejects.toMatchObject({
      code: 'INTERNAL',
      message: `the savepoint of job ${JOB} failed: Failed to create savepoint directory at file:/proc/weir-nope (IOException)`,
    });
    expect(calls[1]?.body).toEqual({
      'cancel-job': false,
      'target-directory': 'file:///sp',
      triggerId,
    });
    expect(await backend.savepointStatus(JOB, 'console-click-1')).toEqual({
      triggerId: 'console-click-1',
      status: 'FAILED',
      savepoint: null,
      error: 'Failed to create savepoint directory at file:/proc/weir-nope (IOException)',
    });
  });
});

describe('FlinkRestBackend rescale under the default scheduler', () => {
  const location = 'file:/sp/savepoint-d3155a-0123456789ab';
  const NEW_JOB = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

  beforeEach(() => {
    const job = { ...flinkFixture('job'), schedulerType: 'Default' };
    const stats = flinkFixture('checkpoints');
    const [newest] = stats.history;
    stats.latest.savepoint = { ...newest, id: 12, is_savepoint: true, external_path: location };
    routes.set(`GET /jobs/${JOB}`, answer(job));
    routes.set('GET /jobmanager/config', answer(SAVEPOINT_DIR));
    routes.set('GET /jars', answer(flinkFixture('jars')));
    routes.set(`GET /jobs/${JOB}/config`, answer(flinkFixture('job-config')));
    routes.set(`POST /jobs/${JOB}/stop`, answer({ 'request-id': 'f'.repeat(32) }));
    routes.set(
      `GET /jobs/${JOB}/savepoints/${'f'.repeat(32)}`,
      answer({ status: { id: 'COMPLETED' }, operation: { location } }),
    );
    routes.set(`GET /jobs/${JOB}/checkpoints`, answer(stats));
    routes.set(`GET /jobs/${JOB}/status`, answer({ status: 'FINISHED' }));
    routes.set(
      `GET /jobs/${NEW_JOB}/status`,
      onceThen({ status: 'CREATED' }, { status: 'RUNNING' }),
    );
  });

  it('stops with a savepoint and runs the jar found by the job name again, at the new parallelism', async () => {
    const [jar] = flinkFixture('jars').files;
    routes.set(`POST /jars/${jar.id}/run`, answer({ jobid: NEW_JOB }));
    const started = await backend.rescale({ jobId: JOB, parallelism: 3 });
    const done = await waitFor('the rescale to end', async () => {
      const operation = await backend.operation(started.id);
      return operation.status === 'RUNNING' ? undefined : operation;
    });
    expect(done, done.error ?? '').toMatchObject({ status: 'SUCCEEDED', snapshotPath: location });
    expect(done.phases.map((p) => p.phase)).toEqual([
      'STARTING',
      'TAKING_SAVEPOINT',
      'RESTORING',
      'DONE',
    ]);
    expect(calls.find((call) => call.route === `POST /jobs/${JOB}/stop`)?.body).toEqual({
      drain: false,
      targetDirectory: 'file:///sp',
    });
    // The program's arguments, from the job's global parameters (ParameterTool).
    expect(calls.find((call) => call.route === `POST /jars/${jar.id}/run`)?.body).toEqual({
      entryClass: 'dev.weir.examples.clicks.ClicksPerUser',
      programArgsList: ['--rate', '2000', '--checkpoint-interval', '1000'],
      parallelism: 3,
      savepointPath: location,
    });
  });

  it('refuses different parallelism per vertex up front, before stopping anything', async () => {
    await expect(
      backend.rescale({
        jobId: JOB,
        vertexParallelism: { [FIXTURE_IDS.source]: 3, [FIXTURE_IDS.window]: 4 },
      }),
    ).rejects.toThrow(/Flink's Default scheduler, which rescales a job by running it again/);
    expect(calls.some((call) => call.route.startsWith('POST'))).toBe(false);
  });
});
