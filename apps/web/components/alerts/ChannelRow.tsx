'use client';

import { useState } from 'react';
import { RoleGatedButton } from '../RoleGatedButton';
import { ChannelForm } from './ChannelForm';
import type { Channel } from './channel-fields';
import { KIND_LABELS } from './channel-fields';
import { RemoveChannel } from './RemoveChannel';
import { TestChannelButton } from './TestChannelButton';

/** One channel: where it sends, which secrets are set (never what they are), its actions. */
export function ChannelRow({ channel }: { channel: Channel }) {
  const [editing, setEditing] = useState(false);
  const secrets = Object.entries(channel.secrets);
  return (
    <tr data-testid={`channel-row-${channel.name}`}>
      <td className="mono">{channel.name}</td>
      <td>{KIND_LABELS[channel.kind]}</td>
      <td className="mono small">{channel.target}</td>
      <td className="small">
        {secrets.length === 0
          ? '—'
          : secrets.map(([field, state]) => (
              <div key={field}>
                {field}: {state}
              </div>
            ))}
      </td>
      <td>
        <div className="actions">
          <TestChannelButton id={channel.id} name={channel.name} />
          {channel.builtIn ? (
            <span className="muted small">set by WEIR_ALERT_WEBHOOK_URL</span>
          ) : (
            <>
              <RoleGatedButton
                requires="admin"
                showReason={false}
                className="button-quiet"
                onClick={() => setEditing((e) => !e)}
              >
                Edit
              </RoleGatedButton>
              <RemoveChannel id={channel.id} name={channel.name} />
            </>
          )}
        </div>
        {editing ? <ChannelForm channel={channel} onDone={() => setEditing(false)} /> : null}
      </td>
    </tr>
  );
}
