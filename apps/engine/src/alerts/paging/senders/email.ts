import type { ChannelSecrets, ChannelSettings } from '@weir/contract';
import { createTransport } from 'nodemailer';
import type { Notification } from '../notification.js';
import { details, headline } from '../notification.js';

type EmailSettings = Extract<ChannelSettings, { kind: 'email' }>;

/** Sends the notification through the channel's SMTP server; null once it took the mail. */
export async function sendEmail(
  settings: EmailSettings,
  secrets: ChannelSecrets,
  n: Notification,
  timeoutMs: number,
): Promise<string | null> {
  const transport = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth: settings.user ? { user: settings.user, pass: secrets.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({
      from: settings.from,
      to: settings.to,
      subject: `Weir ${headline(n)}`,
      text: `${details(n).join('\n')}\n`,
      headers: { 'X-Weir-Dedup-Key': n.dedupKey },
    });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    transport.close();
  }
}
