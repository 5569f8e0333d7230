import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flinkPerFile } from '../../../testing/flink-per-file.js';
import { startTestApi, type TestApi, userPrincipal } from '../../../testing/test-api.js';
import { fakeBackend } from '../../../testing/test-backend.js';
import { flinkExampleJar } from '../../../testing/test-flink.js';
import { call, sessionCookieFrom } from '../../../testing/test-http.js';
import { trpcCodeOf as codeOf } from '../../../testing/trpc-code.js';
import { waitFor } from '../../../testing/wait-for.js';
import { MAX_BODY_BYTES, MAX_UPLOAD_BODY_BYTES } from '../trpc.js';

// A job from an uploaded jar on a real Flink 2.3 cluster, through the API: upload (multipart,
// over HTTP), plan, run; roles, audit and the upload's own body bound (issue 18).
const flink = flinkPerFile();
const CLUSTER = 'local';
const EXAMPLE_ENTRY = 'dev.weir.examples.clicks.ClicksPerUser';
const ARGS = ['--rate', '500', '--checkpoint-interval', '1000'];
const operator = userPrincipal('ops', 'operator');
const viewer = userPrincipal('eve', 'viewer');

/** The upload form as the console sends it. */
function jarForm(jar: Uint8Array<ArrayBuffer>, fileName: string, cluster = CLUSTER): FormData {
  const form = new FormData();
  form.append('cluster', cluster);
  form.append('jar', new File([jar], fileName, { type: 'application/java-archive' }));
  return form;
}

/** The start of a multipart upload, up to where the jar's bytes begin. */
function uploadHead(): { boundary: string; type: string; head: Uint8Array } {
  const boundary = 'weir-test-boundary';
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="cluster"\r\n\r\n${CLUSTER}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="jar"; filename="huge.jar"\r\n` +
      'Content-Type: application/java-archive\r\n\r\n',
  );
  return { boundary, type: `multipart/form-data; boundary=${boundary}`, head };
}

/**
 * A multipart upload whose jar is `jarBytes` long, made as it is sent: a body larger than the
 * upload bound is never held whole here.
 */
function streamedUpload(jarBytes: number): { body: ReadableStream<Uint8Array>; type: string } {
  const { boundary, type, head } = uploadHead();
  const encode = (text: string) => new TextEncoder().encode(text);
  const parts = [head];
  let left = jarBytes;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts.shift();
      if (part) return controller.enqueue(part);
      if (left > 0) {
        const chunk = new Uint8Array(Math.min(left, 1024 * 1024));
        left -= chunk.byteLength;
        return controller.enqueue(chunk);
      }
      controller.enqueue(encode(`\r\n--${boundary}--\r\n`));
      controller.close();
    },
  });
  return { body, type };
}

/**
 * Sends the start of a multipart upload and never finishes it; answers the response, which
 * only a server that refuses without reading the body can send. The server closes the
 * connection after answering, so writing may fail meanwhile: that is expected, not an error.
 */
function unfinishedUpload(url: string, cookie: string): Promise<{ status: number; body: string }> {
  const { type, head } = uploadHead();
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}/trpc/jars.upload`, {
      method: 'POST',
      headers: { cookie, 'content-type': type },
      timeout: 30_000,
    });
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.on('timeout', () => reject(new Error('no answer within 30 s: the body was awaited')));
    request.on('error', () => {}); // EPIPE/ECONNRESET once the server has answered and closed
    request.write(head);
  });
}

describe('jobs from uploaded jars on a Flink cluster', () => {
  let api: TestApi;
  let jar: Uint8Array<ArrayBuffer>;
  let cookies: { ops: string; eve: string };
  let jarId: string;

  const rowsOf = async (action: string, actor: string) =>
    api.store.audit.list({ action, actor, limit: 500 });

  beforeAll(async () => {
    api = await startTestApi(fakeBackend());
    await api.createUser('root', 'admin');
    const signIn = async (username: string, role: 'operator' | 'viewer') =>
      sessionCookieFrom(
        await call(api.url, 'mutation', 'auth.login', await api.createUser(username, role)),
      );
    cookies = { ops: await signIn('ops', 'operator'), eve: await signIn('eve', 'viewer') };
    await api
      .callerAs(userPrincipal('root', 'admin'))
      .clusters.register({ id: CLUSTER, kind: 'flink', restUrl: flink().restUrl });
    jar = new Uint8Array(await readFile((await flinkExampleJar()).path));
  }, 120_000);
  afterAll(() => api?.close());

  it('uploads a jar sent as multipart form data and lists its entry classes; the row names the file, not its bytes', async () => {
    const answer = await call(api.url, 'mutation', 'jars.upload', undefined, {
      cookie: cookies.ops,
      form: jarForm(jar, 'flink-clicks.jar'),
    });
    expect(answer.status).toBe(200);
    const uploaded = answer.data as { jarId: string; fileName: string; entryClasses: string[] };
    expect(uploaded.fileName).toBe('flink-clicks.jar');
    expect(uploaded.jarId).toMatch(/_flink-clicks\.jar$/);
    expect(uploaded.entryClasses).toContain(EXAMPLE_ENTRY);
    jarId = uploaded.jarId;

    const [row] = await rowsOf('jars.upload', 'ops');
    expect(row).toMatchObject({
      result: 'ok',
      params: { cluster: CLUSTER, jar: { fileName: 'flink-clicks.jar', bytes: jar.byteLength } },
    });
    // A jar is a zip: its entries' names (META-INF/…) are in its bytes, never in the row.
    expect(JSON.stringify(row?.params)).not.toContain('META-INF');
  });

  it("previews the job graph the program builds, entry class from the jar's manifest; nothing runs", async () => {
    const before = (await api.callerAs(viewer).jobs.list({ cluster: CLUSTER })).length;
    const plan = await api
      .callerAs(operator)
      .jars.plan({ cluster: CLUSTER, jarId, args: ARGS, parallelism: 2 });
    expect(plan.jobName).toBe('clicks-per-user');
    expect(plan.vertices.length).toBeGreaterThanOrEqual(2);
    expect(plan.vertices.every((vertex) => vertex.parallelism === 2)).toBe(true);
    const source = plan.vertices.find((vertex) => vertex.role === 'source');
    expect(source?.operators[0]).toBe('Source: clicks');
    expect(source?.name).toMatch(/^Source: clicks -> /);
    // The example's keyed window: records reach it by key.
    expect(plan.edges).toContainEqual(
      expect.objectContaining({ source: source?.id, partitioning: 'hash', shipStrategy: 'HASH' }),
    );
    expect((await api.callerAs(viewer).jobs.list({ cluster: CLUSTER })).length).toBe(before);
  });

  it('runs the program as a new job, listed as running on its cluster', async () => {
    const { jobId } = await api
      .callerAs(operator)
      .jars.run({ cluster: CLUSTER, jarId, entryClass: EXAMPLE_ENTRY, args: ARGS, parallelism: 1 });
    expect(jobId).toMatch(/^[0-9a-f]{32}$/);
    await waitFor(
      'the new job to be listed as running',
      async () =>
        (await api.callerAs(viewer).jobs.list({ cluster: CLUSTER })).some(
          (job) => job.id === jobId && job.status === 'RUNNING',
        ),
      30_000,
      200,
    );
    const [row] = await rowsOf('jars.run', 'ops');
    expect(row).toMatchObject({ result: 'ok', params: { jarId, entryClass: EXAMPLE_ENTRY } });
  });

  it('refuses viewers every step, with a row each; their upload is refused unread', async () => {
    const request = { cluster: CLUSTER, jarId, args: ARGS, parallelism: 1 };
    // A body that is never finished: only a refusal made before reading it can answer.
    const upload = await unfinishedUpload(api.url, cookies.eve);
    expect(upload.status).toBe(403);
    expect((JSON.parse(upload.body) as { error: { message: string } }).error.message).toMatch(
      /^Needs the operator role/,
    );
    expect(await codeOf(api.callerAs(viewer).jars.plan(request))).toBe('FORBIDDEN');
    expect(await codeOf(api.callerAs(viewer).jars.run(request))).toBe('FORBIDDEN');
    for (const action of ['jars.upload', 'jars.plan', 'jars.run']) {
      const rows = await rowsOf(action, 'eve');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        result: 'error',
        message: expect.stringMatching(/^Needs the operator role/),
      });
    }
    expect((await rowsOf('jars.upload', 'eve'))[0]?.params).toEqual({
      body: 'not read: the caller may not make this call',
    });
  });

  it('refuses a file whose name does not end in .jar, naming the field', async () => {
    const answer = await call(api.url, 'mutation', 'jars.upload', undefined, {
      cookie: cookies.ops,
      form: jarForm(jar, 'notes.txt'),
    });
    expect([answer.status, answer.code]).toEqual([400, 'BAD_REQUEST']);
    expect(answer.message).toContain('jar: the file name must end in .jar');
    const [row] = await rowsOf('jars.upload', 'ops');
    expect(row).toMatchObject({ result: 'error', params: { jar: { fileName: 'notes.txt' } } });
  });

  it('refuses the embedded cluster, which runs Weir specs, naming the field', async () => {
    const answer = await call(api.url, 'mutation', 'jars.upload', undefined, {
      cookie: cookies.ops,
      form: jarForm(jar, 'flink-clicks.jar', 'embedded'),
    });
    expect(answer.status).toBe(400);
    expect(answer.message).toMatch(/^cluster: embedded runs Weir job specs/);
    const plan = api
      .callerAs(operator)
      .jars.plan({ cluster: 'embedded', jarId, args: [], parallelism: 1 });
    await expect(plan).rejects.toThrow(/^cluster: embedded runs Weir job specs/);
  });

  it('refuses an upload over its bound with 413 naming the limit, in one row', async () => {
    const before = (await rowsOf('jars.upload', 'ops')).length;
    const { body, type } = streamedUpload(MAX_UPLOAD_BODY_BYTES + 1);
    const res = await fetch(`${api.url}/trpc/jars.upload`, {
      method: 'POST',
      headers: { cookie: cookies.ops, 'content-type': type },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    const answer = (await res.json()) as { error: { message: string } };
    expect(answer.error.message).toBe(
      `Request body over the limit of ${MAX_UPLOAD_BODY_BYTES} bytes.`,
    );
    const rows = await rowsOf('jars.upload', 'ops');
    expect(rows).toHaveLength(before + 1);
    expect(rows[0]).toMatchObject({ result: 'error', params: { input: null } });
  }, 120_000);

  it('keeps the larger bound to jars.upload: a form sent to any other call is bounded at 1 MiB', async () => {
    const { body, type } = streamedUpload(2 * MAX_BODY_BYTES);
    const res = await fetch(`${api.url}/trpc/jobs.cancel`, {
      method: 'POST',
      headers: { cookie: cookies.ops, 'content-type': type },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    const answer = (await res.json()) as { error: { message: string } };
    expect(answer.error.message).toBe(`Request body over the limit of ${MAX_BODY_BYTES} bytes.`);
  });
});
