import { rm } from 'node:fs/promises';
import path from 'node:path';

/** Removes `target` unless the path `claimKey` is claimed; returns whether it removed it. */
export type RemoveUnclaimed = (target: string, claimKey?: string) => Promise<boolean>;

/** How long a snapshot chosen for a restore stays out of retention's reach. */
export const RESTORE_PIN_MS = 15 * 60_000;

/**
 * Which snapshot paths this engine relies on before, or apart from, a manifest referencing
 * them, so a concurrent retention sweep leaves them alone: a writer's new files until its
 * manifest is durable, and a snapshot an operator chose in the restore wizard (a pin) until
 * they confirm. Only the process running a job writes its checkpoints, so one registry per
 * engine (on its SnapshotPaths) is enough; after a crash nothing is claimed and a writer's
 * leftovers are simply unreferenced. A new leader starts without pins.
 *
 * A sweep reads the manifests, then deletes what none references and nobody claims. A claim
 * made during the sweep is kept until the sweep ends, because the sweep may have read the
 * manifests before the claimant's manifest existed.
 */
export class SnapshotClaims {
  private readonly claims = new Map<string, number>();
  private readonly removals = new Map<string, Promise<void>>();
  private readonly pins = new Map<string, NodeJS.Timeout>();
  private sweeps = 0;
  private deferred: string[] = [];

  /** Claims `target`; if a sweep is already removing it, waits until it is gone (then rewrite it). */
  async claim(target: string): Promise<void> {
    const key = path.resolve(target);
    this.claims.set(key, (this.claims.get(key) ?? 0) + 1);
    await this.removals.get(key);
  }

  /** Drops claims: the manifest referencing them is durable, or the write failed. */
  release(targets: readonly string[]): void {
    if (this.sweeps > 0) {
      this.deferred.push(...targets);
      return;
    }
    for (const target of targets) {
      const key = path.resolve(target);
      const count = (this.claims.get(key) ?? 1) - 1;
      if (count > 0) this.claims.set(key, count);
      else this.claims.delete(key);
    }
  }

  /** Runs a retention sweep; claims released meanwhile stay in force until it ends. */
  async sweep<T>(work: (remove: RemoveUnclaimed) => Promise<T>): Promise<T> {
    this.sweeps += 1;
    try {
      return await work((target, claimKey) => this.removeUnclaimed(target, claimKey));
    } finally {
      this.sweeps -= 1;
      if (this.sweeps === 0) {
        const released = this.deferred;
        this.deferred = [];
        this.release(released);
      }
    }
  }

  /**
   * Keeps `snapshotDir` (and the shared segments it references) from retention for `ms`; each
   * call starts the time again. The checkpoint an operator checks in the restore wizard must
   * still be there when they confirm, yet at a 1 s interval with 3 retained it would be gone
   * in 3 s.
   */
  async pin(snapshotDir: string, ms = RESTORE_PIN_MS): Promise<void> {
    const key = path.resolve(snapshotDir);
    const existing = this.pins.get(key);
    if (existing) clearTimeout(existing);
    const expiry = setTimeout(() => {
      this.pins.delete(key);
      this.release([key]);
    }, ms);
    expiry.unref();
    // Set before the claim's await, so a second call meanwhile extends this pin, not claims again.
    this.pins.set(key, expiry);
    if (!existing) await this.claim(key);
  }

  /** True while `target` is claimed or pinned: retention must leave it alone. */
  isClaimed(target: string): boolean {
    return this.claims.has(path.resolve(target));
  }

  private async removeUnclaimed(target: string, claimKey = target): Promise<boolean> {
    const key = path.resolve(claimKey);
    if (this.claims.has(key) || this.removals.has(key)) return false;
    const removal = rm(target, { recursive: true, force: true });
    this.removals.set(
      key,
      removal.then(
        () => {},
        () => {},
      ),
    );
    try {
      await removal;
    } finally {
      this.removals.delete(key);
    }
    return true;
  }
}
