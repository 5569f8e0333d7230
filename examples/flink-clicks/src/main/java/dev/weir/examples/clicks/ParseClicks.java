package dev.weir.examples.clicks;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.util.Collector;

/**
 * JSON line to {@link Click}. Lines that are not a click (broken JSON, a field missing) are
 * dropped and counted in the {@code malformedRecords} metric, where Weir sends them to its dead
 * letters.
 */
public final class ParseClicks extends RichFlatMapFunction<String, Click> {
    private static final long serialVersionUID = 1L;

    private final long failAfterMs;
    private transient ObjectMapper json;
    private transient Counter malformed;
    private transient long failAt;

    /** @param failAfterMs fail each run this long after it started (tests of failure handling); 0 never */
    public ParseClicks(long failAfterMs) {
        this.failAfterMs = failAfterMs;
    }

    @Override
    public void open(OpenContext context) {
        json = new ObjectMapper();
        malformed = getRuntimeContext().getMetricGroup().counter("malformedRecords");
        failAt = failAfterMs > 0 ? System.currentTimeMillis() + failAfterMs : Long.MAX_VALUE;
    }

    @Override
    public void flatMap(String line, Collector<Click> out) {
        if (System.currentTimeMillis() >= failAt) {
            throw new IllegalStateException("injected failure: --fail-after " + failAfterMs + " ms elapsed");
        }
        try {
            JsonNode node = json.readTree(line);
            JsonNode user = node.get("user");
            JsonNode page = node.get("page");
            JsonNode ts = node.get("ts");
            if (user == null || !user.isTextual() || page == null || ts == null || !ts.canConvertToLong()) {
                malformed.inc();
                return;
            }
            out.collect(new Click(user.asText(), page.asText(), ts.asLong()));
        } catch (Exception e) {
            malformed.inc();
        }
    }
}
