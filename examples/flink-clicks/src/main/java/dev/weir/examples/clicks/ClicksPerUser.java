package dev.weir.examples.clicks;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * clicks-per-user on Flink: generated click lines, parsed, keyed by user, counted in event-time
 * tumbling windows, discarded. The same job as Weir's sample, for side-by-side runs.
 *
 * <p>Arguments (all optional): {@code --rate} records per second of event time, and of wall-clock
 * time unless {@code --throttle false} (default 1000); {@code --records} total, then the job
 * finishes (default unbounded); {@code --checkpoint-interval} ms, 0 for none (default 5000);
 * {@code --parallelism} (default: the cluster's or the run request's); {@code --window} ms
 * (default 10000); {@code --users} (1000), {@code --pages} (50), {@code --seed} (42),
 * {@code --malformed-ratio} (0), {@code --max-out-of-orderness} ms (2000), {@code --start-time}
 * epoch ms of record 0 (default: now); {@code --name} (clicks-per-user); {@code --fail-after} ms:
 * every run of the parser fails this long after it started, for tests of failure handling
 * (default 0, never).
 */
public final class ClicksPerUser {
    private ClicksPerUser() {}

    public static void main(String[] args) throws Exception {
        JobArgs params = JobArgs.fromArgs(args);
        double rate = params.getDouble("rate", 1000);
        if (rate <= 0) throw new IllegalArgumentException("--rate must be positive");
        boolean throttle = params.getBoolean("throttle", true);
        long records = params.getLong("records", Long.MAX_VALUE);
        long checkpointInterval = params.getLong("checkpoint-interval", 5000);
        long windowMs = params.getLong("window", 10_000);
        long maxOutOfOrderness = params.getLong("max-out-of-orderness", 2000);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        int parallelism = params.getInt("parallelism", 0);
        if (parallelism > 0) env.setParallelism(parallelism);
        if (checkpointInterval > 0) env.enableCheckpointing(checkpointInterval);
        env.getConfig().setGlobalJobParameters(params);

        ClickGenerator generator = new ClickGenerator(
                params.getInt("seed", 42),
                rate,
                params.getLong("users", 1000),
                params.getLong("pages", 50),
                params.getDouble("malformed-ratio", 0),
                maxOutOfOrderness,
                params.getLong("start-time", System.currentTimeMillis()));
        DataGeneratorSource<String> source = new DataGeneratorSource<>(
                generator,
                records,
                throttle ? RateLimiterStrategy.perSecond(rate) : RateLimiterStrategy.noOp(),
                Types.STRING);

        env.fromSource(source, WatermarkStrategy.noWatermarks(), "clicks")
                .uid("clicks")
                .flatMap(new ParseClicks(params.getLong("fail-after", 0)))
                .name("parse")
                .uid("parse")
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Click>forBoundedOutOfOrderness(
                                Duration.ofMillis(maxOutOfOrderness))
                        .withTimestampAssigner((click, previous) -> click.ts))
                .name("event-time")
                .uid("event-time")
                .keyBy(click -> click.user)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(windowMs)))
                .aggregate(new CountPerWindow.Count(), new CountPerWindow.Emit())
                .name("count-per-user")
                .uid("count-per-user")
                .sinkTo(new DiscardingSink<>())
                .name("discard")
                .uid("discard");

        env.execute(params.get("name", "clicks-per-user"));
    }
}
