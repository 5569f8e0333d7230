'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  AddChannelInputSchema,
  CHANNEL_KINDS,
  type ChannelKind,
  UpdateChannelInputSchema,
} from '@weir/contract';
import { type FormEvent, useState } from 'react';
import { refusedField } from '@/lib/refused-field';
import { useTRPC } from '@/lib/trpc/context';
import { useInputCheck } from '@/lib/use-input-check';
import { FormProblems } from '../FormProblems';
import { RefusalNotice } from '../RefusalNotice';
import {
  CHANNEL_FIELD_LABELS,
  type Channel,
  type ChannelFields,
  channelInput,
  EMPTY_CHANNEL,
  fieldsOf,
  KIND_LABELS,
} from './channel-fields';

/**
 * Adds a notification channel, or edits `channel`: the fields its kind takes. Secrets are
 * typed, never shown: on an edit one left empty keeps its stored value.
 */
export function ChannelForm({ channel, onDone }: { channel?: Channel; onDone?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<ChannelFields>(channel ? fieldsOf(channel) : EMPTY_CHANNEL);
  const settled = {
    onSettled: () => queryClient.invalidateQueries(trpc.alerts.channels.pathFilter()),
  };
  const add = useMutation(
    trpc.alerts.addChannel.mutationOptions({
      ...settled,
      onSuccess: () => setFields(EMPTY_CHANNEL),
    }),
  );
  const update = useMutation(
    trpc.alerts.updateChannel.mutationOptions({ ...settled, onSuccess: onDone }),
  );
  const mutation = channel ? update : add;
  const addCheck = useInputCheck(AddChannelInputSchema, add.mutate);
  const updateCheck = useInputCheck(UpdateChannelInputSchema, update.mutate);
  const check = channel ? updateCheck : addCheck;
  const refused = refusedField(mutation.error, Object.keys(CHANNEL_FIELD_LABELS));
  const isInvalid = (field: string) => check.isInvalid(field) || refused?.field === field;
  const set = (change: Partial<ChannelFields>) => setFields((f) => ({ ...f, ...change }));
  const text = (name: keyof ChannelFields) => ({
    value: fields[name] as string,
    onChange: (e: { target: { value: string } }) => set({ [name]: e.target.value }),
  });
  const stored = (field: 'url' | 'authorization' | 'password') =>
    channel?.secrets[field] === 'set' ? 'stored: leave empty to keep' : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = channelInput(fields);
    if (channel) updateCheck.submit({ ...input, id: channel.id, clearSecrets: fields.clear });
    else addCheck.submit(input);
  };
  const clearToggle = (field: 'authorization' | 'password') =>
    channel?.secrets[field] === 'set' ? (
      <label className="checkbox-field">
        <input
          type="checkbox"
          checked={fields.clear.includes(field)}
          onChange={(e) =>
            set({
              clear: e.target.checked
                ? [...fields.clear, field]
                : fields.clear.filter((f) => f !== field),
            })
          }
        />
        Remove the stored {field}
      </label>
    ) : null;
  const secretField = (
    caption: string,
    name: 'url' | 'authorization' | 'password',
    placeholder: string,
  ) => (
    <label>
      {caption}
      <input
        {...text(name)}
        type="password"
        autoComplete="new-password"
        placeholder={stored(name) ?? placeholder}
        aria-invalid={isInvalid(`secrets.${name}`)}
      />
    </label>
  );

  return (
    <form
      onSubmit={submit}
      className="inline-form"
      aria-label={channel ? `Edit channel ${channel.name}` : 'Add notification channel'}
    >
      <label>
        Name
        <input {...text('name')} autoComplete="off" aria-invalid={isInvalid('name')} />
      </label>
      <label>
        Kind
        <select
          value={fields.kind}
          onChange={(e) => set({ kind: e.target.value as ChannelKind, clear: [] })}
        >
          {CHANNEL_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {fields.kind === 'webhook' || fields.kind === 'alertmanager' ? (
        <>
          <label>
            URL
            <input
              {...text('url')}
              inputMode="url"
              placeholder={
                fields.kind === 'webhook'
                  ? 'https://hooks.example.com/weir'
                  : 'http://alertmanager:9093'
              }
              aria-invalid={isInvalid('settings.url')}
            />
          </label>
          {secretField('Authorization header', 'authorization', 'optional, e.g. Bearer …')}
          {clearToggle('authorization')}
        </>
      ) : null}
      {fields.kind === 'slack'
        ? secretField('Webhook URL', 'url', 'https://hooks.slack.com/services/…')
        : null}
      {fields.kind === 'email' ? (
        <>
          <label>
            SMTP host
            <input
              {...text('host')}
              placeholder="smtp.example.com"
              aria-invalid={isInvalid('settings.host')}
            />
          </label>
          <label>
            Port
            <input
              {...text('port')}
              inputMode="numeric"
              className="narrow"
              aria-invalid={isInvalid('settings.port')}
            />
          </label>
          <label>
            Security
            <select
              value={fields.security}
              onChange={(e) => set({ security: e.target.value as ChannelFields['security'] })}
            >
              <option value="starttls">STARTTLS (587)</option>
              <option value="tls">TLS (465)</option>
              <option value="none">none</option>
            </select>
          </label>
          <label>
            User
            <input
              {...text('user')}
              placeholder="optional"
              autoComplete="off"
              aria-invalid={isInvalid('settings.user')}
            />
          </label>
          {secretField('Password', 'password', 'with a user')}
          {clearToggle('password')}
          <label>
            From
            <input
              {...text('from')}
              placeholder="weir@example.com"
              aria-invalid={isInvalid('settings.from')}
            />
          </label>
          <label>
            To
            <input
              {...text('to')}
              placeholder="oncall@example.com, …"
              aria-invalid={isInvalid('settings.to')}
            />
          </label>
        </>
      ) : null}
      <button type="submit" className="button-primary" disabled={mutation.isPending}>
        {channel ? 'Save channel' : 'Add channel'}
      </button>
      {channel && onDone ? (
        <button type="button" className="button-quiet" onClick={onDone}>
          Cancel
        </button>
      ) : null}
      <FormProblems problems={check.problems} labels={CHANNEL_FIELD_LABELS} />
      <RefusalNotice refused={refused} error={mutation.error} labels={CHANNEL_FIELD_LABELS} />
    </form>
  );
}
