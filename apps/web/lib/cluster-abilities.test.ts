import { describe, expect, it } from 'vitest';
import { abilityOf } from './cluster-abilities';
import type { ClusterSummary } from './trpc/types';

const at = '2026-12-05T10:00:00.000Z';
const capabilities = {
  submitSpec: false,
  submitJar: true,
  rescaleInPlace: false,
  leaderView: false,
  results: false,
};
const flink: ClusterSummary = {
  id: 'prod',
  kind: 'flink',
  restUrl: 'http://flink:8081',
  hasAuthorization: false,
  zookeeper: null,
  health: { state: 'up', since: at, checkedAt: at, error: null },
  capabilities,
  jobs: { running: 1, failed: 0, total: 1 },
  flink: null,
  leader: null,
  registeredAt: at,
  registeredBy: 'root',
};
const embedded: ClusterSummary = {
  ...flink,
  id: 'embedded',
  kind: 'embedded',
  capabilities: { ...capabilities, submitSpec: true, submitJar: false, results: true },
};

describe('abilityOf', () => {
  it('says why a cluster lacks what it reports it cannot do', () => {
    expect(abilityOf(flink, 'results')).toEqual({
      allowed: false,
      reason: expect.stringContaining('own sinks'),
    });
    expect(abilityOf(embedded, 'results')).toEqual({ allowed: true, reason: null });
  });

  it("rescales in place only under Flink's adaptive scheduler, and says how it rescales otherwise", () => {
    expect(abilityOf(embedded, 'rescaleInPlace')).toEqual({
      allowed: false,
      reason: expect.stringContaining('through a savepoint'),
    });
    expect(abilityOf(flink, 'rescaleInPlace')).toEqual({
      allowed: false,
      reason: expect.stringContaining('adaptive scheduler'),
    });
    const adaptive = { ...flink, capabilities: { ...capabilities, rescaleInPlace: true } };
    expect(abilityOf(adaptive, 'rescaleInPlace').allowed).toBe(true);
  });

  it('runs jars on Flink clusters only, and says where they run', () => {
    expect(abilityOf(flink, 'submitJar').allowed).toBe(true);
    expect(abilityOf(embedded, 'submitJar')).toEqual({
      allowed: false,
      reason: expect.stringContaining('Flink clusters registered'),
    });
  });

  it('dry-runs a restore on the embedded engine only', () => {
    expect(abilityOf(embedded, 'restoreCheck').allowed).toBe(true);
    expect(abilityOf(flink, 'restoreCheck').allowed).toBe(false);
  });

  it('upgrades Flink jobs to another jar only where jars run, and says how the others upgrade', () => {
    expect(abilityOf(flink, 'upgradeJar').allowed).toBe(true);
    expect(abilityOf(embedded, 'upgradeJar')).toEqual({
      allowed: false,
      reason: expect.stringContaining('Edit and upgrade'),
    });
  });

  it('versions and upgrades jobs on the embedded engine only, and says so for Flink', () => {
    expect(abilityOf(embedded, 'versions').allowed).toBe(true);
    expect(abilityOf(flink, 'versions')).toEqual({
      allowed: false,
      reason: expect.stringContaining('Flink jobs are not versioned by Weir yet'),
    });
  });
});
