import type { ClusterBackend } from '../backends/cluster-backend.js';

export interface AuditEntry {
  actor: string;
  action: string;
  jobId: string | null;
  params: unknown;
  result: 'ok' | 'error';
  message: string | null;
  durationMs: number;
  sourceAddress: string | null;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

/** Everything a handler may use; built once per request by the HTTP server. */
export interface ApiContext {
  backend: ClusterBackend;
  audit: AuditLog;
  /** Who is calling. Until accounts exist (issue 7) this is "anonymous". */
  actor: string;
  sourceAddress: string | null;
}
