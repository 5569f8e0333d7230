import { WeirError } from '../errors/weir-error.js';
import type {
  CoordinationState,
  ElectionListener,
  LeaderElectionDriver,
} from './leader-election.js';

/** A single instance always leads; there is nobody to hand leadership to. */
export class EmbeddedElection implements LeaderElectionDriver {
  readonly mode = 'embedded' as const;
  private listener: ElectionListener | null = null;

  async start(listener: ElectionListener): Promise<void> {
    this.listener = listener;
    listener.granted({ epoch: 1, grantedAt: new Date(), previous: null });
  }

  async stepDown(): Promise<void> {
    throw new WeirError(
      'CONFLICT',
      'this cluster runs the embedded HA mode with a single instance: there is no standby to take over',
      { domain: 'user' },
    );
  }

  coordinationState(): CoordinationState {
    return 'embedded';
  }

  async close(): Promise<void> {
    this.listener?.revoked('instance closing');
    this.listener = null;
  }
}
