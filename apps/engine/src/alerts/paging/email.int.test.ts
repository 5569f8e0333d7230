import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CONSOLE_URL, PagingHarness } from '../../../testing/paging-harness.js';
import { waitFor } from '../../../testing/wait-for.js';

interface Mail {
  from: string;
  to: string[];
  user: string | undefined;
  text: string;
}

let server: SMTPServer;
let port: number;
let h: PagingHarness;
const mails: Mail[] = [];

beforeEach(async () => {
  mails.length = 0;
  server = new SMTPServer({
    // Plain SMTP with AUTH on loopback: the test checks the sealed password reaches the server.
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === 'weir' && auth.password === 'smtp-secret')
        return callback(null, { user: auth.username });
      return callback(new Error('bad credentials'));
    },
    onData(stream, session, callback) {
      let text = '';
      stream.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        mails.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          // Long headers are folded onto indented lines; read them whole.
          text: text.replace(/\r?\n[ \t]+/g, ' '),
        });
        callback();
      });
    },
    logger: false,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
  h = await PagingHarness.start();
});
afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h?.close();
});

/** Plain SMTP to the test's server, signing in as `weir` with `password`. */
const mailChannel = (password: string) =>
  h.addChannel(
    'oncall-mail',
    {
      kind: 'email',
      host: '127.0.0.1',
      port,
      security: 'none',
      user: 'weir',
      from: 'weir@example.com',
      to: ['oncall@example.com', 'lead@example.com'],
    },
    { password },
  );

it('emails the incident through SMTP, signed in with the sealed password', async () => {
  const email = await mailChannel('smtp-secret');
  await h.route(email, 'job-failed');
  await h.failJob();
  expect(await h.notifier().deliverDue()).toBe(1);

  const [mail] = await waitFor('the mail', () => (mails.length > 0 ? mails : null));
  expect(mail).toMatchObject({
    from: 'weir@example.com',
    to: ['oncall@example.com', 'lead@example.com'],
    user: 'weir',
  });
  expect(mail?.text).toContain(
    'Subject: Weir [FIRING] critical: job-failed on job payments (cluster embedded)',
  );
  expect(mail?.text).toContain('payments: the job failed');
  expect(mail?.text).toContain(`Job: ${CONSOLE_URL}/clusters/embedded/jobs/payments`);
  expect(await h.deliveries()).toEqual([['oncall-mail', 'firing', 'delivered', 1]]);
});

it('records the SMTP server refusing the password as a failed attempt with its answer', async () => {
  const email = await mailChannel('wrong');
  await h.route(email, '*');
  await h.failJob();
  expect(await h.notifier().deliverDue()).toBe(0);
  const [alert] = await h.store.alerts.history({ limit: 1 });
  expect(alert?.notifications[0]).toMatchObject({ status: 'pending', attempts: 1 });
  expect(alert?.notifications[0]?.lastError).toMatch(/bad credentials|Invalid login/i);
  expect(mails).toEqual([]);
});
