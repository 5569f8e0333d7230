import type { ChannelKind, ChannelSecrets, ChannelSettings, SecretField } from '@weir/contract';
import type { RouterOutputs } from '@/lib/trpc/types';

export type Channel = RouterOutputs['alerts']['channels'][number];

/** A channel form's fields as typed; which ones count depends on the kind. */
export interface ChannelFields {
  name: string;
  kind: ChannelKind;
  /** The webhook's or Alertmanager's URL; for Slack, its (secret) webhook URL. */
  url: string;
  authorization: string;
  host: string;
  port: string;
  security: 'tls' | 'starttls' | 'none';
  user: string;
  password: string;
  from: string;
  /** Addresses separated by commas or spaces. */
  to: string;
  /** Stored secrets to remove (an edit). */
  clear: SecretField[];
}

export const EMPTY_CHANNEL: ChannelFields = {
  name: '',
  kind: 'webhook',
  url: '',
  authorization: '',
  host: '',
  port: '587',
  security: 'starttls',
  user: '',
  password: '',
  from: '',
  to: '',
  clear: [],
};

export const KIND_LABELS: Record<ChannelKind, string> = {
  webhook: 'Webhook (JSON)',
  slack: 'Slack-compatible webhook',
  email: 'Email (SMTP)',
  alertmanager: 'Alertmanager',
};

/** The form's words for the API's fields, for what the check or the engine refuses. */
export const CHANNEL_FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  'settings.url': 'URL',
  'secrets.url': 'Webhook URL',
  'secrets.authorization': 'Authorization header',
  'secrets.password': 'Password',
  'settings.host': 'SMTP host',
  'settings.port': 'Port',
  'settings.user': 'User',
  'settings.from': 'From',
  'settings.to': 'To',
};

/** The fields of a stored channel, to edit it: its secrets stay empty (kept unless typed). */
export function fieldsOf(channel: Channel): ChannelFields {
  const s = channel.settings;
  if (!s) return { ...EMPTY_CHANNEL, name: channel.name };
  const base = { ...EMPTY_CHANNEL, name: channel.name, kind: s.kind };
  switch (s.kind) {
    case 'webhook':
    case 'alertmanager':
      return { ...base, url: s.url };
    case 'slack':
      return base;
    case 'email':
      return {
        ...base,
        host: s.host,
        port: String(s.port),
        security: s.security,
        user: s.user ?? '',
        from: s.from,
        to: s.to.join(', '),
      };
  }
}

/** What the API gets for the fields: a secret left empty is left out (kept, on an edit). */
export function channelInput(f: ChannelFields): {
  name: string;
  settings: ChannelSettings;
  secrets: ChannelSecrets;
} {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const name = f.name.trim();
  switch (f.kind) {
    case 'webhook':
    case 'alertmanager':
      return {
        name,
        settings: { kind: f.kind, url: f.url.trim() },
        secrets: { authorization: optional(f.authorization) },
      };
    case 'slack':
      return { name, settings: { kind: 'slack' }, secrets: { url: optional(f.url) } };
    case 'email':
      return {
        name,
        settings: {
          kind: 'email',
          host: f.host.trim(),
          port: Number(f.port),
          security: f.security,
          user: optional(f.user),
          from: f.from.trim(),
          to: f.to.split(/[\s,;]+/).filter(Boolean),
        },
        secrets: { password: optional(f.password) },
      };
  }
}
