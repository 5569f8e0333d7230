/** What a Flink leader publishes in ZooKeeper (`…/leader/<component>/connection_info`). */
export interface LeaderConnectionInfo {
  /** The REST URL (rest_server) or Pekko RPC address (dispatcher, resource_manager). */
  address: string;
  /** The leader session: a new one on every change of leader. */
  sessionId: string;
}

const STREAM_HEADER = 'aced0005';
const TC_BLOCKDATA = 0x77;

/**
 * Reads a Flink `connection_info` node: Java serialization of the address (`writeUTF`, in a
 * block of data) followed by the session's `java.util.UUID`, whose two longs end the stream
 * (fields in name order: leastSigBits, then mostSigBits). Null for an empty node (no leader
 * now) or bytes in any other shape.
 */
export function decodeConnectionInfo(bytes: Buffer): LeaderConnectionInfo | null {
  if (bytes.length < 4 + 2 + 2 + 16) return null;
  if (bytes.subarray(0, 4).toString('hex') !== STREAM_HEADER) return null;
  if (bytes[4] !== TC_BLOCKDATA) return null;
  const utfLength = bytes.readUInt16BE(6);
  const addressEnd = 8 + utfLength;
  if (addressEnd > bytes.length - 16) return null;
  // Modified UTF-8 equals UTF-8 for what an address holds (no NUL, no surrogate pairs).
  const address = bytes.subarray(8, addressEnd).toString('utf8');
  const least = bytes.subarray(bytes.length - 16, bytes.length - 8).toString('hex');
  const most = bytes.subarray(bytes.length - 8).toString('hex');
  const hex = most + least;
  const sessionId = [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
  return { address, sessionId };
}
