import { describe, expect, it } from 'vitest';
import type { RouteRecord } from '../../db/alert-channel-repository.js';
import { channelsFor } from './routing.js';

const route = (channelId: number, rule: string, job: string): RouteRecord => ({
  id: channelId * 100,
  channelId,
  channel: `c${channelId}`,
  rule,
  job,
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
    expect(channelsFor({ name: 'job-failed', jobId: 'payments' }, routes, true)).toEqual([1]);
    expect(channelsFor({ name: 'checkpoint-stalled', jobId: 'payments' }, routes, true)).toEqual([
      2, 1,
    ]);
    expect(channelsFor({ name: 'checkpoint-stalled', jobId: 'payouts' }, routes, false)).toEqual([
      2,
    ]);
  });

  it('sends a rule no route matches to the built-in webhook, when there is one', () => {
    expect(channelsFor({ name: 'dead-letters', jobId: 'orders' }, routes, true)).toEqual([0]);
    expect(channelsFor({ name: 'dead-letters', jobId: 'orders' }, routes, false)).toEqual([]);
  });
});
