import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EngineMetrics } from '../metrics/engine-metrics.js';
import { LeaderMetrics } from '../metrics/leader-metrics.js';

const deploy = (file: string) =>
  fileURLToPath(new URL(`../../../../deploy/${file}`, import.meta.url));
const RULES = deploy('prometheus/rules.yml');

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string };
}

/** Metric names the engine exports, and the series names Prometheus derives from them. */
function exportedSeries(): Set<string> {
  const metrics = new EngineMetrics({ jobMetrics: () => [] });
  new LeaderMetrics(metrics.registry, () => 'connected');
  const names = metrics.registry.getMetricsAsArray().map((m) => m.name);
  return new Set(names.flatMap((n) => [n, `${n}_bucket`, `${n}_sum`, `${n}_count`]));
}

const referencedMetrics = (text: string) => [...new Set(text.match(/\bweir_[a-z_]+\b/g) ?? [])];

describe('deploy/prometheus/rules.yml and deploy/grafana/weir.json', () => {
  const rules = (
    parse(readFileSync(RULES, 'utf8')) as { groups: { rules: Rule[] }[] }
  ).groups.flatMap((g) => g.rules);

  it('gives every alert a severity the console knows and a summary', () => {
    expect(rules.length).toBeGreaterThanOrEqual(8);
    for (const rule of rules) {
      expect(rule.alert).toMatch(/^Weir[A-Za-z]+$/);
      expect(['info', 'warning', 'critical']).toContain(rule.labels.severity);
      expect(rule.annotations.summary).not.toBe('');
    }
  });

  it('uses only metrics the engine exports', () => {
    const exported = exportedSeries();
    const dashboard = readFileSync(deploy('grafana/weir.json'), 'utf8');
    const used = referencedMetrics(rules.map((r) => r.expr).join('\n') + dashboard);
    expect(used.filter((name) => !exported.has(name))).toEqual([]);
    expect(JSON.parse(dashboard)).toMatchObject({
      uid: 'weir-overview',
      panels: expect.any(Array),
    });
  });
});
