import type { AuditEntry, AuditLog } from '../api/context.js';

/** In-memory audit log: a hand-written fake for API tests that do not exercise the database. */
export class MemoryAudit implements AuditLog {
  readonly entries: AuditEntry[] = [];

  async record(entry: AuditEntry): Promise<void> {
    this.entries.push(entry);
  }
}
