import type { KafkaSinkConfig } from '@weir/contract';
import type {
  KafkaSinkClient,
  OutgoingRecord,
  PlainProducer,
} from '../connectors/kafka/sink-client.js';
import type { Operator, OperatorContext, OperatorState } from '../core/operator.js';
import { SinkOutput } from './kafka-sink-records.js';

/** Records gathered before a send, and the longest a record waits for one. */
const BATCH_RECORDS = 500;
const LINGER_MS = 20;

/**
 * Writes to Kafka as records arrive, in small batches. `at-least-once`: every record not yet
 * acknowledged by the broker at a barrier is kept in that checkpoint's state, so a restore
 * sends it again (a record can then appear twice, never not at all). `none`: fire and forget;
 * a failed send is logged and its records are gone.
 */
export class StreamingKafkaSink implements Operator {
  private buffer: OutgoingRecord[] = [];
  /** Batches sent and not yet acknowledged, by send number. */
  private readonly inFlight = new Map<number, OutgoingRecord[]>();
  /** Each in-flight batch's send, settled once it is acknowledged or has failed. */
  private readonly waiting = new Map<number, Promise<void>>();
  private sends = 0;
  private lingering = false;
  private ctx!: OperatorContext;
  private out!: SinkOutput;
  private producer: PlainProducer | null = null;
  /** The failure that makes `endInput` fail, so a bounded job does not end without its output. */
  private failure: Error | null = null;

  constructor(
    private readonly config: KafkaSinkConfig,
    private readonly keepUnacknowledged: boolean,
    private readonly connect: () => KafkaSinkClient,
  ) {}

  open(ctx: OperatorContext): void {
    this.ctx = ctx;
    this.out = new SinkOutput(this.config, ctx, this.connect);
  }

  processElement(
    value: unknown,
    _input: number,
    _key: string | undefined,
    _keyGroup: number,
  ): void {
    this.buffer.push(...this.out.encoder.encode(value));
    if (this.buffer.length >= BATCH_RECORDS) this.flush();
    else if (this.buffer.length > 0 && !this.lingering) {
      this.lingering = true;
      this.ctx.registerProcessingTimer(this.ctx.now() + LINGER_MS);
    }
  }

  onProcessingTime(): void {
    this.lingering = false;
    this.flush();
  }

  processWatermark(): void {}

  /** The barrier flushes; what is still unacknowledged then is this checkpoint's state. */
  snapshotState(): OperatorState {
    this.flush();
    if (!this.keepUnacknowledged) return {};
    return { operator: [...this.inFlight.values()].flat() };
  }

  restoreState(state: OperatorState): void {
    this.buffer.push(...((state.operator ?? []) as OutgoingRecord[]));
  }

  /** Waits until every record is acknowledged, sending again what failed, or fails. */
  async endInput(): Promise<void> {
    for (;;) {
      this.flush();
      await Promise.allSettled([...this.inFlight.keys()].map((n) => this.acknowledged(n)));
      if (this.buffer.length === 0 && this.inFlight.size === 0) return;
      if (this.failure) throw this.failure;
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.producer?.close(), this.out.admin.close()]);
  }

  private acknowledged(n: number): Promise<void> {
    return this.waiting.get(n) ?? Promise.resolve();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    const n = ++this.sends;
    this.inFlight.set(n, batch);
    this.producer ??= this.out.client.producer();
    const producer = this.producer;
    const sent = this.out
      .partitioned(batch)
      .then((records) => producer.send(records))
      .then(
        () => {
          this.inFlight.delete(n);
        },
        (error: Error) => this.failed(n, producer, error),
      )
      .finally(() => this.waiting.delete(n));
    this.waiting.set(n, sent);
  }

  /**
   * A failed send: the producer is re-created for the next one. At-least-once sends the batch
   * again with the next flush (and a barrier keeps it in state meanwhile); none drops it.
   */
  private failed(n: number, producer: PlainProducer, error: Error): void {
    const batch = this.inFlight.get(n) ?? [];
    this.inFlight.delete(n);
    if (this.producer === producer) {
      this.producer = null;
      producer.close().catch(() => {});
    }
    this.ctx.logger.warn(
      { err: error.message, records: batch.length, uid: this.ctx.uid },
      this.keepUnacknowledged
        ? 'kafka sink send failed: sending again'
        : 'kafka sink send failed: records dropped',
    );
    if (this.keepUnacknowledged) {
      this.buffer.unshift(...batch);
      this.failure = error;
    }
  }
}
