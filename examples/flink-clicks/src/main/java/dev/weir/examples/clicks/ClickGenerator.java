package dev.weir.examples.clicks;

import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The click records of Weir's datagen source (apps/engine/src/connectors/datagen/click-generator.ts),
 * bit for bit: record i depends only on (seed, i), so both engines see the same input. Flink's
 * DataGeneratorSource hands each index to exactly one reader, whatever the parallelism.
 */
public final class ClickGenerator implements GeneratorFunction<Long, String> {
    private static final long serialVersionUID = 1L;
    private static final double TWO_TO_32 = 4294967296.0;

    private final int seed;
    private final double ratePerSecond;
    private final long users;
    private final long pages;
    private final double malformedRatio;
    private final long maxOutOfOrdernessMs;
    private final long startTime;

    public ClickGenerator(
            int seed,
            double ratePerSecond,
            long users,
            long pages,
            double malformedRatio,
            long maxOutOfOrdernessMs,
            long startTime) {
        this.seed = seed;
        this.ratePerSecond = ratePerSecond;
        this.users = users;
        this.pages = pages;
        this.malformedRatio = malformedRatio;
        this.maxOutOfOrdernessMs = maxOutOfOrdernessMs;
        this.startTime = startTime;
    }

    @Override
    public String map(Long index) {
        return lineAt(index);
    }

    /** The raw line for record {@code index}; a configured share is deliberately broken JSON. */
    public String lineAt(long index) {
        long nominal = startTime + (long) Math.floor((index * 1000.0) / ratePerSecond);
        long jitter = (long) Math.floor(unit(mix(index, 3)) * (maxOutOfOrdernessMs + 1));
        String user = "u" + (mix(index, 1) % users);
        String page = "/p" + (mix(index, 2) % pages);
        if (malformedRatio > 0 && unit(mix(index, 4)) < malformedRatio) {
            return "{\"user\":\"" + user + "\",\"page\":";
        }
        return "{\"user\":\"" + user + "\",\"page\":\"" + page + "\",\"ts\":" + (nominal - jitter) + "}";
    }

    /** splitmix32 over 32-bit ints, as the TypeScript generator computes it with Math.imul. */
    private long mix(long index, int salt) {
        int z = seed ^ ((int) index * 0x9e3779b9) ^ (salt * 0x85ebca6b);
        z = (z ^ (z >>> 16)) * 0x21f0aaad;
        z = (z ^ (z >>> 15)) * 0x735a2d97;
        return Integer.toUnsignedLong(z ^ (z >>> 15));
    }

    private static double unit(long n) {
        return n / TWO_TO_32;
    }
}
