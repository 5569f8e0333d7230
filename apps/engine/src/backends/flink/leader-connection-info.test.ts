import { describe, expect, it } from 'vitest';
import { decodeConnectionInfo } from './leader-connection-info.js';

// Captured from a Flink 2.3.0 JobManager with ZooKeeper HA (high-availability.cluster-id
// /weir-test), under /flink/weir-test/leader/<component>/connection_info.
const UUID_TAIL =
  '7372000e6a6176612e7574696c2e55554944bc9903f7986d852f0200024a000c6c65617374536967426974734a000b6d6f7374536967426974737870bc22ffb7d4a5b2251be33e5f3ca44d9c';
const REST_SERVER = `aced000577180016687474703a2f2f3132372e302e302e313a3430383635${UUID_TAIL}`;
const DISPATCHER = `aced00057739003770656b6b6f2e7463703a2f2f666c696e6b403132372e302e302e313a34323135392f757365722f7270632f646973706174636865725f31${UUID_TAIL}`;

describe('decodeConnectionInfo', () => {
  it('reads the address and the leader session of a real Flink node', () => {
    expect(decodeConnectionInfo(Buffer.from(REST_SERVER, 'hex'))).toEqual({
      address: 'http://127.0.0.1:40865',
      sessionId: '1be33e5f-3ca4-4d9c-bc22-ffb7d4a5b225',
    });
    expect(decodeConnectionInfo(Buffer.from(DISPATCHER, 'hex'))).toEqual({
      address: 'pekko.tcp://flink@127.0.0.1:42159/user/rpc/dispatcher_1',
      sessionId: '1be33e5f-3ca4-4d9c-bc22-ffb7d4a5b225',
    });
  });

  it('gives null for an empty node or bytes of another shape', () => {
    expect(decodeConnectionInfo(Buffer.alloc(0))).toBeNull();
    expect(decodeConnectionInfo(Buffer.from('not java serialization at all, no'))).toBeNull();
    const truncated = Buffer.from(REST_SERVER, 'hex').subarray(0, 30);
    expect(decodeConnectionInfo(truncated)).toBeNull();
  });
});
