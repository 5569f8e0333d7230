// Chained right after a source, marks each parsed record with the time it entered the job.
export default {
  kind: 'stamp',
  create() {
    let ctx;
    return {
      open(c) {
        ctx = c;
      },
      processElement(value) {
        // Sub-millisecond wall time, comparable across worker threads (Date.now() is whole ms).
        value.stampedAt = performance.timeOrigin + performance.now();
        ctx.output.emit(value);
      },
      processWatermark() {},
      snapshotState() {
        return {};
      },
      restoreState() {},
    };
  },
};
