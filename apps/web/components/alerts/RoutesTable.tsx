'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AddRouteInputSchema } from '@weir/contract';
import { type FormEvent, useState } from 'react';
import { useAlertRoutes } from '@/lib/queries/alerts';
import { useTRPC } from '@/lib/trpc/context';
import { useInputCheck } from '@/lib/use-input-check';
import { useRoleGate } from '@/lib/use-me';
import { ErrorNotice } from '../ErrorNotice';
import { FormProblems } from '../FormProblems';
import { QueryState } from '../QueryState';
import { RoleGatedButton } from '../RoleGatedButton';
import type { Channel } from './channel-fields';

const LABELS = { channelId: 'Channel', rule: 'Rule', job: 'Job', label: 'Job label' };

/** Invalidates the routes after a change to them. */
export function useRouteChange() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSettled = () => queryClient.invalidateQueries(trpc.alerts.routes.pathFilter());
  return {
    add: useMutation(trpc.alerts.addRoute.mutationOptions({ onSettled })),
    remove: useMutation(trpc.alerts.removeRoute.mutationOptions({ onSettled })),
  };
}

/**
 * Every route: a rule name and a job id (each a name, or a pattern with * and ?) and a job
 * label (`team=payments`; empty: any job) sent to a channel.
 */
export function RoutesTable({ channels }: { channels: Channel[] }) {
  const query = useAlertRoutes();
  const { add, remove } = useRouteChange();
  const admin = useRoleGate('admin');
  const stored = channels.filter((c) => !c.builtIn);
  const [channelId, setChannelId] = useState(0);
  const [rule, setRule] = useState('*');
  const [job, setJob] = useState('*');
  const [label, setLabel] = useState('');
  const check = useInputCheck(AddRouteInputSchema, add.mutate);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    check.submit({ channelId: channelId || (stored[0]?.id ?? 0), rule, job, label });
  };
  return (
    <>
      <h3>Routes</h3>
      <QueryState
        query={query}
        what="routes"
        isEmpty={(r) => r.length === 0}
        empty="No routes: every rule goes to the built-in webhook, if one is configured."
      >
        {(routes) => (
          <table aria-label="Alert routes">
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Job</th>
                <th scope="col">Job label</th>
                <th scope="col">Channel</th>
                <th scope="col">Added by</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {routes.map((route) => (
                <tr key={route.id}>
                  <td className="mono">{route.rule}</td>
                  <td className="mono">{route.job}</td>
                  <td className="mono">{route.label || 'any'}</td>
                  <td className="mono">{route.channel}</td>
                  <td>{route.createdBy}</td>
                  <td>
                    <RoleGatedButton
                      requires="admin"
                      showReason={false}
                      className="button-quiet"
                      disabled={remove.isPending}
                      onClick={() => remove.mutate({ id: route.id })}
                    >
                      Remove
                    </RoleGatedButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      <ErrorNotice error={remove.error} />
      {admin.allowed && stored.length > 0 ? (
        <form onSubmit={submit} className="inline-form" aria-label="Add route">
          <label>
            Rule
            <input value={rule} onChange={(e) => setRule(e.target.value)} className="mono" />
          </label>
          <label>
            Job
            <input value={job} onChange={(e) => setJob(e.target.value)} className="mono" />
          </label>
          <label>
            Job label
            <input
              value={label}
              placeholder="team=payments"
              onChange={(e) => setLabel(e.target.value)}
              className="mono"
            />
          </label>
          <label>
            Channel
            <select
              value={channelId || stored[0]?.id}
              onChange={(e) => setChannelId(Number(e.target.value))}
            >
              {stored.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button-primary" disabled={add.isPending}>
            Add route
          </button>
          <FormProblems problems={check.problems} labels={LABELS} />
          <ErrorNotice error={add.error} />
        </form>
      ) : null}
    </>
  );
}
