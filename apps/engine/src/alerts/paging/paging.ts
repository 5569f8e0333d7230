import {
  BUILT_IN_CHANNEL_ID,
  CHANNEL_SECRETS,
  type Channel,
  type ChannelSettings,
  ChannelSettingsSchema,
  type ChannelTestResult,
} from '@weir/contract';
import type { SecretBox } from '../../auth/secret-box.js';
import type { AlertChannelRepository, StoredChannel } from '../../db/alert-channel-repository.js';
import { ChannelSecretsBox, setSecrets } from './channel-secrets.js';
import { type Notification, testNotification } from './notification.js';
import { type ChannelConfig, send } from './senders/send.js';

export interface PagingOptions {
  /** Seals channel secrets (WEIR_CLUSTER_SECRETS_KEY); null: channels with secrets are refused. */
  secrets: SecretBox | null;
  /** WEIR_ALERT_WEBHOOK_URL; '' when not configured. */
  builtInWebhookUrl: string;
  /** WEIR_CONSOLE_URL, for links to job pages; '' when not configured. */
  consoleUrl: string;
  /** WEIR_CLUSTER_ID, named in every notification. */
  weirCluster: string;
  now: () => number;
  /** Bound on one send (an HTTP request, an SMTP conversation). */
  timeoutMs?: number;
  /**
   * How long Alertmanager holds a firing alert it has not heard of again; the notifier posts
   * firing alerts again at a third of it.
   */
  alertmanagerValidMs?: number;
}

/** How long a test alert stays in an Alertmanager: long enough to see, then it resolves. */
const TEST_VALID_MS = 5 * 60_000;

/**
 * The channels alerts go to, as the API and the notifier use them: the built-in webhook and
 * the stored ones, their secrets sealed and opened, sending in each one's format.
 */
export class Paging {
  readonly secrets: ChannelSecretsBox;
  readonly timeoutMs: number;
  readonly alertmanagerValidMs: number;

  constructor(private readonly options: PagingOptions) {
    this.secrets = new ChannelSecretsBox(options.secrets);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.alertmanagerValidMs = options.alertmanagerValidMs ?? 5 * 60_000;
  }

  get builtInConfigured(): boolean {
    return this.options.builtInWebhookUrl !== '';
  }

  get consoleUrl(): string {
    return this.options.consoleUrl;
  }

  get weirCluster(): string {
    return this.options.weirCluster;
  }

  /**
   * The channel `id` names, ready to send to; null when there is none (removed, or the
   * built-in webhook is not configured). Throws when its secrets cannot be opened.
   */
  async channel(id: number, channels: AlertChannelRepository): Promise<ChannelConfig | null> {
    if (id === BUILT_IN_CHANNEL_ID) {
      const url = this.options.builtInWebhookUrl;
      return url === ''
        ? null
        : { id, name: 'built-in webhook', settings: { kind: 'webhook', url }, secrets: {} };
    }
    const stored = await channels.find(id);
    return stored ? this.configOf(stored) : null;
  }

  configOf(stored: StoredChannel): ChannelConfig {
    return {
      id: stored.id,
      name: stored.name,
      settings: settingsOf(stored),
      secrets: this.secrets.open(stored.sealedSecrets),
    };
  }

  /** A stored channel as lists show it: which secrets are set, never their values. */
  describe(stored: StoredChannel): Channel {
    const settings = settingsOf(stored);
    const set = setSecrets(stored.sealedSecrets);
    return {
      id: stored.id,
      name: stored.name,
      kind: settings.kind,
      builtIn: false,
      settings,
      target: targetOf(settings),
      secrets: Object.fromEntries(
        CHANNEL_SECRETS[settings.kind].fields.map((field) => [
          field,
          set.includes(field) ? 'set' : 'not set',
        ]),
      ),
      createdBy: stored.createdBy,
      updatedAt: stored.updatedAt.toISOString(),
    };
  }

  /** WEIR_ALERT_WEBHOOK_URL's webhook, when configured: its URL shown only up to the host. */
  builtIn(): Channel | null {
    const url = this.options.builtInWebhookUrl;
    if (url === '') return null;
    return {
      id: BUILT_IN_CHANNEL_ID,
      name: 'built-in webhook',
      kind: 'webhook',
      builtIn: true,
      settings: null,
      target: `${new URL(url).origin} (WEIR_ALERT_WEBHOOK_URL)`,
      secrets: {},
      createdBy: 'WEIR_ALERT_WEBHOOK_URL',
      updatedAt: null,
    };
  }

  /** Sends `n`; null when the channel took it, else what went wrong. */
  send(channel: ChannelConfig, n: Notification): Promise<string | null> {
    return send(channel, n, {
      timeoutMs: this.timeoutMs,
      validUntil: new Date(this.options.now() + this.alertmanagerValidMs),
    });
  }

  /** Sends a test notification now, marked as one, and says how it went. */
  async test(channel: ChannelConfig, by: string): Promise<ChannelTestResult> {
    const started = this.options.now();
    const n = testNotification(channel.name, by, {
      weirCluster: this.options.weirCluster,
      consoleUrl: this.options.consoleUrl,
      now: new Date(started),
    });
    const error = await send(channel, n, {
      timeoutMs: this.timeoutMs,
      validUntil: new Date(started + TEST_VALID_MS),
    });
    return {
      delivered: error === null,
      error,
      durationMs: Math.max(0, Math.round(this.options.now() - started)),
    };
  }
}

/** Only the API writes the column, with settings it checked against this schema. */
function settingsOf(stored: StoredChannel): ChannelSettings {
  return ChannelSettingsSchema.parse({ ...(stored.settings as object), kind: stored.kind });
}

function targetOf(settings: ChannelSettings): string {
  switch (settings.kind) {
    case 'webhook':
      return settings.url;
    case 'slack':
      return 'Slack-compatible webhook (its URL is sealed)';
    case 'email':
      return `${settings.to.join(', ')} via ${settings.host}:${settings.port}`;
    case 'alertmanager':
      return settings.url;
  }
}
