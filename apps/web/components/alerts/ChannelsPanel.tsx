'use client';

import { useAlertChannels } from '@/lib/queries/alerts';
import { roleReason } from '@/lib/roles';
import { useRoleGate } from '@/lib/use-me';
import { QueryState } from '../QueryState';
import { ChannelForm } from './ChannelForm';
import { ChannelRow } from './ChannelRow';
import { RoutesTable } from './RoutesTable';

/** Where alerts are sent: admins add, edit, test and remove channels, and route rules to them. */
export function ChannelsPanel() {
  const query = useAlertChannels();
  const admin = useRoleGate('admin');
  return (
    <section className="panel" aria-labelledby="alert-channels-heading">
      <h2 id="alert-channels-heading">Notification channels</h2>
      <p className="muted small">
        Each incident notifies the channels whose routes match its rule and job, once when it fires
        and once when it resolves, retrying each channel on its own. A rule no route matches goes to
        the built-in webhook (WEIR_ALERT_WEBHOOK_URL), when one is configured. Secrets (a Slack URL,
        an SMTP password, an Authorization header) are stored encrypted and never shown.
        {admin.allowed ? null : ` Changing channels: ${roleReason('admin')}.`}
      </p>
      <QueryState
        query={query}
        what="notification channels"
        isEmpty={(c) => c.length === 0}
        empty="No channel yet: alerts show here only."
      >
        {(channels) => (
          <div className="table-scroll">
            <table aria-label="Notification channels">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Sends to</th>
                  <th scope="col">Secrets</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {channels.map((channel) => (
                  <ChannelRow key={`${channel.id}-${channel.updatedAt}`} channel={channel} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      {admin.allowed ? <ChannelForm /> : null}
      <RoutesTable channels={query.data ?? []} />
    </section>
  );
}
