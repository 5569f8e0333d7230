'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UpdateRuleInputSchema } from '@weir/contract';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/context';
import type { AlertRule, Severity } from '@/lib/trpc/types';
import { useInputCheck } from '@/lib/use-input-check';
import { useRoleGate } from '@/lib/use-me';
import { ErrorNotice } from '../ErrorNotice';
import { FormProblems } from '../FormProblems';
import { RoleGatedButton } from '../RoleGatedButton';
import { NumberInput } from './NumberInput';
import { RuleRoutes } from './RuleRoutes';
import { minutesToMs, msToMinutes, RULE_FIELD_LABELS, THRESHOLD_UNIT } from './rule-units';
import { SeveritySelect } from './SeveritySelect';

/** One rule; admins change its threshold, window, for-time, severity, or switch it off. */
export function AlertRuleRow({ rule }: { rule: AlertRule }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { allowed } = useRoleGate('admin');
  const [threshold, setThreshold] = useState(rule.threshold);
  const [windowMinutes, setWindowMinutes] = useState(msToMinutes(rule.windowMs));
  const [forMinutes, setForMinutes] = useState(msToMinutes(rule.forMs));
  const [severity, setSeverity] = useState<Severity>(rule.severity);
  const update = useMutation(
    trpc.alerts.updateRule.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.alerts.rules.pathFilter()),
    }),
  );
  const check = useInputCheck(UpdateRuleInputSchema, update.mutate);
  const changed =
    threshold !== rule.threshold ||
    minutesToMs(windowMinutes) !== rule.windowMs ||
    minutesToMs(forMinutes) !== rule.forMs ||
    severity !== rule.severity;
  const label = `${rule.jobId} ${rule.name}`;

  return (
    <tr
      data-testid={`rule-row-${rule.jobId}-${rule.name}`}
      className={rule.enabled ? undefined : 'muted'}
    >
      <td className="mono">{rule.jobId}</td>
      <td className="mono">{rule.name}</td>
      <td>
        <NumberInput
          narrow
          label={`Threshold of ${label}`}
          disabled={!allowed}
          value={threshold}
          onChange={setThreshold}
        />{' '}
        <span className="muted small">{THRESHOLD_UNIT[rule.kind]}</span>
      </td>
      <td>
        <NumberInput
          narrow
          label={`Window in minutes of ${label}`}
          disabled={!allowed}
          value={windowMinutes}
          onChange={setWindowMinutes}
        />
      </td>
      <td>
        <NumberInput
          narrow
          label={`For minutes of ${label}`}
          disabled={!allowed}
          value={forMinutes}
          onChange={setForMinutes}
        />
      </td>
      <td>
        <SeveritySelect
          value={severity}
          onChange={setSeverity}
          label={`Severity of ${label}`}
          disabled={!allowed}
        />
      </td>
      <td>
        <RuleRoutes rule={rule} />
      </td>
      <td>
        <div className="actions">
          <RoleGatedButton
            requires="admin"
            showReason={false}
            className="button-quiet"
            disabled={!changed || update.isPending}
            onClick={() =>
              check.submit({
                id: rule.id,
                threshold,
                windowMs: minutesToMs(windowMinutes),
                forMs: minutesToMs(forMinutes),
                severity,
              })
            }
          >
            Save
          </RoleGatedButton>
          <RoleGatedButton
            requires="admin"
            showReason={false}
            className="button-quiet"
            disabled={update.isPending}
            onClick={() => update.mutate({ id: rule.id, enabled: !rule.enabled })}
          >
            {rule.enabled ? 'Switch off' : 'Switch on'}
          </RoleGatedButton>
        </div>
        <FormProblems problems={check.problems} labels={RULE_FIELD_LABELS} />
        <ErrorNotice error={update.error} />
      </td>
    </tr>
  );
}
