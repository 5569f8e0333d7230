// A blackhole that tells the benchmark process how many records it has taken and when, over a
// BroadcastChannel (worker threads share it with the main thread): the runtime's own counters
// reach the job master once a second, too coarse to time a run of a few seconds. It posts at
// most every POST_MS after a record arrived, stamped with the time it posts: the last record
// arrived at most that long before (a few ms in a run of seconds). Only the first record is
// timed by itself: a clock read per record would be a cost the plain consumer does not pay.
const POST_MS = 5;

export default {
  kind: 'arrivals',
  create(config) {
    let channel;
    let ctx;
    let count = 0;
    let firstAt = 0;
    let timer = null;
    const now = () => performance.timeOrigin + performance.now(); // comparable across threads
    const post = () => {
      timer = null;
      channel.postMessage({ subtask: ctx.subtaskIndex, count, firstAt, lastAt: now() });
    };
    return {
      open(c) {
        ctx = c;
        channel = new BroadcastChannel(config.channel);
      },
      processElement() {
        count += 1;
        if (count === 1) firstAt = now();
        timer ??= setTimeout(post, POST_MS);
      },
      processWatermark() {},
      snapshotState() {
        return {};
      },
      restoreState() {},
      close() {
        if (timer) clearTimeout(timer);
        channel?.close();
      },
    };
  },
};
