'use client';

import { useAlertRules } from '@/lib/queries/alerts';
import { roleReason } from '@/lib/roles';
import { useRoleGate } from '@/lib/use-me';
import { QueryState } from '../QueryState';
import { AlertRuleRow } from './AlertRuleRow';
import { CreateRuleForm } from './CreateRuleForm';

export function AlertRulesPanel() {
  const query = useAlertRules();
  const admin = useRoleGate('admin');
  return (
    <section className="panel" aria-labelledby="alert-rules-heading">
      <h2 id="alert-rules-heading">Rules</h2>
      <p className="muted small">
        Every job gets these rules when it first runs; a rule fires once its value has stayed at or
        above the threshold for its "for" time. Backpressure, watermark-lag, leader and ZooKeeper
        rules arrive once the engine reports those signals (Prometheus users have them in
        deploy/prometheus/rules.yml).
        {admin.allowed ? null : ` Changing rules: ${roleReason('admin')}.`}
      </p>
      {admin.allowed ? <CreateRuleForm /> : null}
      <QueryState
        query={query}
        what="alert rules"
        isEmpty={(r) => r.length === 0}
        empty="No rules yet."
      >
        {(rules) => (
          <div className="table-scroll">
            <table aria-label="Alert rules">
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">Rule</th>
                  <th scope="col">Threshold</th>
                  <th scope="col">Window (min)</th>
                  <th scope="col">For (min)</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Notifies</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {rules.map((rule) => (
                  // Keyed by values too, so a saved change resets the row's edit state.
                  <AlertRuleRow
                    key={`${rule.id}-${rule.threshold}-${rule.windowMs}-${rule.forMs}-${rule.severity}`}
                    rule={rule}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}
