import type { z } from 'zod';
import { type EdgeSpecSchema, type JobSpec, type JobSpecInput, JobSpecSchema } from './job-spec.js';
import type { OperatorSpecSchema } from './operator-spec.js';

type OperatorInput = z.input<typeof OperatorSpecSchema>;
type EdgeInput = z.input<typeof EdgeSpecSchema>;
type JobSettings = Omit<JobSpecInput, 'operators' | 'edges'>;

/**
 * A typed way to write a JobSpec: `job(...).source(op).to(op).keyBy('user').to(op)` yields the
 * same JSON a hand-written spec would, validated by the same schema on `build()`.
 */
export class JobBuilder {
  private readonly operators: OperatorInput[] = [];
  private readonly edges: EdgeInput[] = [];

  constructor(private readonly settings: JobSettings) {}

  /** Adds an operator with no inputs (a source) and returns its output stream. */
  source(op: OperatorInput): Stream {
    this.operators.push(op);
    return new Stream(this, op.uid);
  }

  /** Adds an operator fed by every given stream (a union or a join's two inputs, in order). */
  merge(op: OperatorInput, inputs: Array<Stream | PartitionedStream>): Stream {
    this.operators.push(op);
    for (const input of inputs) input.connect(op.uid);
    return new Stream(this, op.uid);
  }

  /** @internal used by streams */
  add(op: OperatorInput, edge: EdgeInput): void {
    this.operators.push(op);
    this.edges.push(edge);
  }

  /** @internal used by streams */
  addEdge(edge: EdgeInput): void {
    this.edges.push(edge);
  }

  build(): JobSpec {
    return JobSpecSchema.parse({ ...this.settings, operators: this.operators, edges: this.edges });
  }
}

/** The output of one operator (or one of its side outputs). */
export class Stream {
  constructor(
    private readonly builder: JobBuilder,
    private readonly uid: string,
    private readonly output?: string,
  ) {}

  /** Forward to the next operator: chained into the same subtask when possible. */
  to(op: OperatorInput): Stream {
    return this.partitioned('forward').to(op);
  }

  keyBy(keyField: string): PartitionedStream {
    return new PartitionedStream(this.builder, {
      from: this.uid,
      output: this.output,
      partitioning: 'hash',
      keyField,
    });
  }

  rebalance(): PartitionedStream {
    return this.partitioned('rebalance');
  }

  broadcast(): PartitionedStream {
    return this.partitioned('broadcast');
  }

  /** A named side output of this operator, such as a window's "late" records. */
  sideOutput(tag: string): Stream {
    return new Stream(this.builder, this.uid, tag);
  }

  private partitioned(partitioning: 'forward' | 'rebalance' | 'broadcast'): PartitionedStream {
    return new PartitionedStream(this.builder, {
      from: this.uid,
      output: this.output,
      partitioning,
    });
  }

  /** @internal */
  connect(to: string): void {
    this.partitioned('forward').connect(to);
  }
}

/** A stream with its partitioning chosen, waiting for the operator it feeds. */
export class PartitionedStream {
  constructor(
    private readonly builder: JobBuilder,
    private readonly edge: Omit<EdgeInput, 'to'>,
  ) {}

  to(op: OperatorInput): Stream {
    this.builder.add(op, this.edgeTo(op.uid));
    return new Stream(this.builder, op.uid);
  }

  /** @internal */
  connect(to: string): void {
    this.builder.addEdge(this.edgeTo(to));
  }

  /** Omits absent optional fields, so built JSON matches a hand-written spec exactly. */
  private edgeTo(to: string): EdgeInput {
    const edge: EdgeInput = { from: this.edge.from, to, partitioning: this.edge.partitioning };
    if (this.edge.keyField !== undefined) edge.keyField = this.edge.keyField;
    if (this.edge.output !== undefined) edge.output = this.edge.output;
    return edge;
  }
}

export const job = (settings: JobSettings) => new JobBuilder(settings);
