import { type Admin, Kafka, logLevel } from 'kafkajs';

/** What tests do to a test broker around a job: create and grow topics, produce, read groups. */
export class KafkaTopics {
  private readonly kafka: Kafka;

  constructor(brokers: string[]) {
    this.kafka = new Kafka({ clientId: 'weir-test', brokers, logLevel: logLevel.NOTHING });
  }

  create(topic: string, partitions: number) {
    return this.withAdmin((admin) =>
      admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true }),
    );
  }

  /** Grows `topic` to `partitions` partitions. */
  addPartitions(topic: string, partitions: number) {
    return this.withAdmin((admin) =>
      admin.createPartitions({ topicPartitions: [{ topic, count: partitions }] }),
    );
  }

  /** Writes `values` to one partition, in order; strings as they are, the rest as JSON. */
  async produce(
    topic: string,
    partition: number,
    values: unknown[],
    options: { timestamp?: number } = {},
  ): Promise<void> {
    const producer = this.kafka.producer();
    await producer.connect();
    try {
      await producer.send({
        topic,
        messages: values.map((value) => ({
          partition,
          timestamp: options.timestamp === undefined ? undefined : String(options.timestamp),
          value: typeof value === 'string' ? value : JSON.stringify(value),
        })),
      });
    } finally {
      await producer.disconnect();
    }
  }

  /** Offsets `group` has committed for `topic`, by partition (-1: none). */
  async committed(group: string, topic: string): Promise<Map<number, number>> {
    const offsets = await this.withAdmin((admin) =>
      admin.fetchOffsets({ groupId: group, topics: [topic] }),
    );
    return new Map(
      (offsets[0]?.partitions ?? []).map(({ partition, offset }) => [partition, Number(offset)]),
    );
  }

  /** The broker's view of the Kafka sources' reader groups (`weir-reader-*`): state and members. */
  readerGroups(): Promise<Array<{ groupId: string; state: string; members: number }>> {
    return this.withAdmin(async (admin) => {
      const { groups } = await admin.listGroups();
      const ids = groups.map((g) => g.groupId).filter((id) => id.startsWith('weir-reader-'));
      if (ids.length === 0) return [];
      const described = await admin.describeGroups(ids);
      return described.groups.map((g) => ({
        groupId: g.groupId,
        state: g.state,
        members: g.members.length,
      }));
    });
  }

  private async withAdmin<T>(use: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await use(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
