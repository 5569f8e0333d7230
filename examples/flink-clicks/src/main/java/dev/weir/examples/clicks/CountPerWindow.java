package dev.weir.examples.clicks;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Counts a key's clicks in a window incrementally (one long of state per key and window). */
public final class CountPerWindow {
    private CountPerWindow() {}

    /** The running count. */
    public static final class Count implements AggregateFunction<Click, Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Click click, Long count) {
            return count + 1;
        }

        @Override
        public Long getResult(Long count) {
            return count;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    /** Pairs the final count with its key and window, as Weir's window results carry them. */
    public static final class Emit extends ProcessWindowFunction<Long, WindowCount, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(String user, Context context, Iterable<Long> counts, Collector<WindowCount> out) {
            TimeWindow window = context.window();
            out.collect(new WindowCount(user, window.getStart(), window.getEnd(), counts.iterator().next()));
        }
    }
}
