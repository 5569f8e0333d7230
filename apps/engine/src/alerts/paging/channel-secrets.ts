import {
  CHANNEL_SECRETS,
  type ChannelKind,
  type ChannelSecrets,
  ChannelSecretsSchema,
  type SecretField,
} from '@weir/contract';
import type { SecretBox } from '../../auth/secret-box.js';
import { invalidArgument, WeirError } from '../../errors/weir-error.js';

const KEY_VARIABLE = 'WEIR_CLUSTER_SECRETS_KEY';

/**
 * Seals channel secrets for the database and opens them to send, with the key that seals
 * registered Flink clusters' Authorization headers: a database dump alone reveals none. Each
 * secret is sealed on its own under its field's name, so lists can say which are set without
 * the key.
 */
export class ChannelSecretsBox {
  constructor(private readonly box: SecretBox | null) {}

  /** Null when there is nothing to seal; refused, naming the variable, without a key. */
  seal(secrets: ChannelSecrets): string | null {
    const entries = Object.entries(secrets).filter(([, value]) => value !== undefined);
    if (entries.length === 0) return null;
    const { box } = this;
    if (!box)
      throw new WeirError(
        'INVALID_ARGUMENT',
        `secrets.${entries[0]?.[0]}: the engine cannot store it encrypted: start it with ${KEY_VARIABLE} set (openssl rand -base64 32)`,
        { domain: 'user' },
      );
    return JSON.stringify(
      Object.fromEntries(entries.map(([field, value]) => [field, box.seal(String(value))])),
    );
  }

  /** Throws, naming the variable, when the key is missing or is not the one that sealed them. */
  open(sealed: string | null): ChannelSecrets {
    if (sealed === null) return {};
    const { box } = this;
    if (!box) throw new Error(`the channel's secrets are sealed, and ${KEY_VARIABLE} is not set`);
    const opened: Record<string, string> = {};
    for (const [field, value] of Object.entries(sealedFields(sealed))) {
      try {
        opened[field] = box.open(value);
      } catch {
        throw new Error(`the channel's ${field} does not open with this ${KEY_VARIABLE}`);
      }
    }
    return ChannelSecretsSchema.parse(opened);
  }
}

/** Which secrets a stored channel has, without opening them. */
export function setSecrets(sealed: string | null): SecretField[] {
  return sealed === null ? [] : (Object.keys(sealedFields(sealed)) as SecretField[]);
}

/** Only ChannelSecretsBox.seal writes the column: a JSON object of sealed strings. */
function sealedFields(sealed: string): Record<string, string> {
  return JSON.parse(sealed) as Record<string, string>;
}

/**
 * A channel's secrets after an edit: the stored ones less those cleared, with those given on
 * top, and only those its kind takes. A secret the kind needs and still lacks is refused.
 */
export function mergedSecrets(
  kind: ChannelKind,
  stored: ChannelSecrets,
  given: ChannelSecrets,
  cleared: readonly SecretField[],
): ChannelSecrets {
  const { fields, required } = CHANNEL_SECRETS[kind];
  const merged: ChannelSecrets = {};
  for (const field of fields) {
    const value = given[field] ?? (cleared.includes(field) ? undefined : stored[field]);
    if (value !== undefined) merged[field] = value;
  }
  const missing = required.find((field) => merged[field] === undefined);
  if (missing) throw invalidArgument(`secrets.${missing}: required for a ${kind} channel`);
  return merged;
}
