import type { ChannelSecrets, ChannelSettings } from '@weir/contract';
import type { Notification } from '../notification.js';
import { alertmanagerAlert, alertsEndpoint } from './alertmanager.js';
import { sendEmail } from './email.js';
import { postJson } from './http-post.js';
import { slackBody } from './slack.js';
import { webhookBody } from './webhook.js';

/** A channel ready to send to: its settings and its secrets, opened. */
export interface ChannelConfig {
  id: number;
  name: string;
  settings: ChannelSettings;
  secrets: ChannelSecrets;
}

export interface SendOptions {
  timeoutMs: number;
  /** Until when Alertmanager should hold a firing alert without hearing of it again. */
  validUntil: Date;
}

/** Sends `n` in the channel's format; null when it was taken, else what went wrong. */
export function send(
  channel: ChannelConfig,
  n: Notification,
  options: SendOptions,
): Promise<string | null> {
  const { settings, secrets } = channel;
  const { timeoutMs } = options;
  switch (settings.kind) {
    case 'webhook':
      return postJson(settings.url, webhookBody(n), {
        timeoutMs,
        authorization: secrets.authorization,
      });
    case 'slack':
      // The API refuses a Slack channel without its URL.
      return postJson(secrets.url ?? '', slackBody(n), { timeoutMs });
    case 'email':
      return sendEmail(settings, secrets, n, timeoutMs);
    case 'alertmanager':
      return postJson(alertsEndpoint(settings.url), [alertmanagerAlert(n, options.validUntil)], {
        timeoutMs,
        authorization: secrets.authorization,
      });
  }
}
