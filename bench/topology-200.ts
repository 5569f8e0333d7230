// Renders a 201-vertex job's topology in Chromium against a real engine and console, and
// times the first render (navigation start to every vertex drawn) and a click on a vertex
// until its subtask panel shows. Goals: first render <= 1000 ms, click to panel <= 200 ms.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { WIDE_TOPOLOGY_VERTICES, wideTopologyJob } from '../e2e/support/wide-topology-job.js';
import { ensureChromium } from '../scripts/lib/ensure-chromium.mjs';
import { median, report } from './_run-job.js';

const { values } = parseArgs({
  options: {
    'engine-port': { type: 'string', default: '4197' },
    'web-port': { type: 'string', default: '3197' },
    loads: { type: 'string', default: '5' },
    clicks: { type: 'string', default: '7' },
  },
});
const JOB_ID = 'bench-topology';
const root = path.resolve(import.meta.dirname, '..');
const engineUrl = `http://127.0.0.1:${values['engine-port']}`;
const webUrl = `http://127.0.0.1:${values['web-port']}`;

async function assertFree(port: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer()
      .once('error', () => reject(new Error(`port ${port} is busy; pass another with --*-port`)))
      .listen(Number(port), '127.0.0.1', () => probe.close(() => resolve()));
  });
}

async function waitForUrl(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: its server exited (${child.exitCode})`);
    const ok = await fetch(url).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function start(args: string[], cwd: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Milliseconds from navigation start until every vertex is in the DOM and measured. */
async function firstRender(page: Page): Promise<number> {
  await page.goto(`${webUrl}/jobs/${JOB_ID}?tab=topology`);
  const handle = await page.waitForFunction(
    (expected) => {
      const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node');
      const drawn =
        nodes.length >= expected && [...nodes].every((n) => n.style.visibility !== 'hidden');
      return drawn ? performance.now() : false;
    },
    WIDE_TOPOLOGY_VERTICES,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** Milliseconds from pressing on the n-th vertex drawn inside the pane to its panel heading. */
async function clickToPanel(page: Page, n: number): Promise<number> {
  const pane = await page.getByTestId('topology').boundingBox();
  const vertices = page.locator('[data-testid^="vertex-"]');
  const visible = await vertices.evaluateAll(
    (nodes, box) =>
      nodes
        .map((node, index) => ({ r: node.getBoundingClientRect(), index }))
        .filter(({ r }) => r.left >= box.x && r.right <= box.x + box.width)
        .filter(({ r }) => r.top >= box.y && r.bottom <= box.y + box.height)
        .map(({ index }) => index),
    pane ?? { x: 0, y: 0, width: 0, height: 0 },
  );
  const index = visible[n % visible.length];
  if (index === undefined) throw new Error('no vertex is drawn inside the topology pane');
  const vertex = vertices.nth(index);
  const name = (await vertex.locator('.vertex-name').textContent()) ?? '';
  await page.evaluate(() => {
    document.addEventListener(
      'pointerdown',
      () => {
        (window as unknown as { pressedAt: number }).pressedAt = performance.now();
      },
      { capture: true, once: true },
    );
  });
  await vertex.click();
  const handle = await page.waitForFunction(
    (expected) => {
      const heading = document.querySelector('#vertex-panel-heading');
      if (!heading?.textContent?.includes(expected)) return false;
      return performance.now() - (window as unknown as { pressedAt: number }).pressedAt;
    },
    name,
    { polling: 'raf', timeout: 10_000 },
  );
  return (await handle.jsonValue()) as number;
}

const dir = await mkdtemp(path.join(tmpdir(), 'weir-bench-topology-'));
const children: ChildProcess[] = [];
const browser = await chromium.launch({
  executablePath: process.env.WEIR_CHROMIUM ?? (await ensureChromium()),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
});
try {
  await assertFree(values['engine-port']);
  await assertFree(values['web-port']);
  const specFile = path.join(dir, 'job.json');
  await writeFile(specFile, JSON.stringify(wideTopologyJob(JOB_ID)));
  const password = randomBytes(18).toString('base64url');
  const engine = start(['apps/engine/dist/main.js'], root, {
    WEIR_API_PORT: values['engine-port'],
    WEIR_DATA_DIR: path.join(dir, 'data'),
    WEIR_JOB_SPEC: specFile,
    WEIR_ADMIN_PASSWORD: password,
  });
  children.push(engine);
  const web = start(
    [
      path.join(root, 'node_modules/next/dist/bin/next'),
      'start',
      '-H',
      '127.0.0.1',
      '-p',
      values['web-port'],
    ],
    path.join(root, 'apps/web'),
    { WEIR_ENGINE_URL: engineUrl, NEXT_TELEMETRY_DISABLED: '1' },
  );
  children.push(web);
  await waitForUrl(`${engineUrl}/healthz`, engine);
  await waitForUrl(`${webUrl}/`, web);

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const login = await context.request.post(`${webUrl}/api/trpc/auth.login`, {
    data: { username: 'admin', password },
  });
  if (!login.ok()) throw new Error(`sign-in failed: ${await login.text()}`);
  const page = await context.newPage();

  await firstRender(page); // warm-up: Next compiles nothing in production, but caches fill
  const renders: number[] = [];
  for (let i = 0; i < Number(values.loads); i += 1) renders.push(await firstRender(page));
  const clicks: number[] = [];
  for (let i = 0; i < Number(values.clicks); i += 1) clicks.push(await clickToPanel(page, i));

  process.stderr.write(`first render (ms): ${renders.map((r) => r.toFixed(0)).join(', ')}\n`);
  process.stderr.write(`click to panel (ms): ${clicks.map((c) => c.toFixed(0)).join(', ')}\n`);
  report({
    bench: 'topology-200',
    vertices: WIDE_TOPOLOGY_VERTICES,
    first_render_ms: Math.round(median(renders)),
    click_to_panel_ms: Math.round(median(clicks)),
    first_render_max_ms: Math.round(Math.max(...renders)),
    click_to_panel_max_ms: Math.round(Math.max(...clicks)),
  });
} finally {
  await browser.close();
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map((child) =>
      child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null,
    ),
  );
  await rm(dir, { recursive: true, force: true });
}
