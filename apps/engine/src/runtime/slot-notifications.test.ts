import { describe, expect, it } from 'vitest';
import { SlotNotifications } from './slot-notifications.js';

describe('SlotNotifications', () => {
  it('lets a stop wait until every slot notified its sinks', async () => {
    const notifications = new SlotNotifications();
    let done = false;
    const waiting = notifications.waitFor(3, 2).then(() => {
      done = true;
    });
    notifications.record(3);
    await Promise.resolve();
    expect(done).toBe(false);
    notifications.record(3);
    await waiting;
    expect(done).toBe(true);
    await notifications.waitFor(3, 2); // already there
  });

  it('tells whoever waits when the run ends before the slots notified', async () => {
    const notifications = new SlotNotifications();
    const waiting = notifications.waitFor(4, 2);
    notifications.record(4);
    notifications.abandon(new Error('leadership lost'));
    await expect(waiting).rejects.toThrow('leadership lost');
  });

  it('remembers only the newest checkpoints, so a long-running job does not grow it', async () => {
    const notifications = new SlotNotifications(2);
    for (const id of [1, 2, 3]) notifications.record(id);
    await notifications.waitFor(3, 1);
    await notifications.waitFor(2, 1);
    // Checkpoint 1 was forgotten: a wait for it (nobody asks this late) sees no notification.
    let heard = false;
    void notifications.waitFor(1, 1).then(() => {
      heard = true;
    });
    await Promise.resolve();
    expect(heard).toBe(false);
  });
});
