import { describe, expect, it } from 'vitest';
import type { RouteRecord } from '../../db/alert-channel-repository.js';
import { channelsFor } from './routing.js';

const route = (channelId: number, rule: string, job: string, label = ''): RouteRecord => ({
  id: channelId * 100,
  channelId,
  channel: `c${channelId}`,
  rule,
  job,
  label,
  createdBy: 'ada',
  createdAt: '2026-12-06T00:00:00.000Z',
});

describe('channelsFor', () => {
  const routes = [
    route(1, 'job-failed', '*'),
    route(2, 'checkpoint-*', 'pay*'),
    route(1, '*', 'payments'),
  ];

  it('sends each rule to the channels whose routes match it, once each', () => {
    expect(channelsFor({ name: 'job-failed', jobId: 'payments' }, {}, routes, true)).toEqual([1]);
    expect(
      channelsFor({ name: 'checkpoint-stalled', jobId: 'payments' }, {}, routes, true),
    ).toEqual([2, 1]);
    expect(
      channelsFor({ name: 'checkpoint-stalled', jobId: 'payouts' }, {}, routes, false),
    ).toEqual([2]);
  });

  it('sends a rule no route matches to the built-in webhook, when there is one', () => {
    expect(channelsFor({ name: 'dead-letters', jobId: 'orders' }, {}, routes, true)).toEqual([0]);
    expect(channelsFor({ name: 'dead-letters', jobId: 'orders' }, {}, routes, false)).toEqual([]);
  });

  it('sends by job label: only jobs with a matching label, whatever their id', () => {
    const byTeam = [route(3, '*', '*', 'team=pay*'), route(4, 'job-failed', '*', 'tier=critical')];
    const incident = { name: 'job-failed', jobId: 'orders' };
    expect(channelsFor(incident, { team: 'payments', tier: 'critical' }, byTeam, true)).toEqual([
      3, 4,
    ]);
    expect(channelsFor(incident, { team: 'search' }, byTeam, true)).toEqual([0]);
    expect(channelsFor(incident, { tier: 'critical' }, byTeam, false)).toEqual([4]);
    // A job without the label does not match a route that names it.
    expect(channelsFor(incident, {}, byTeam, false)).toEqual([]);
  });
});
