package dev.weir.examples.clicks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.api.common.ExecutionConfig;

/**
 * The program's arguments, {@code --key value} or {@code --flag}, read as Flink's ParameterTool
 * reads them and registered the same way, as the job's global parameters: Flink's REST API shows
 * them as the job's {@code user-config}, from which Weir rebuilds the arguments to run the
 * program again. Not ParameterTool itself because it moved between the releases this job runs
 * on (flink-java's {@code org.apache.flink.api.java.utils} in 1.20, flink-core's
 * {@code org.apache.flink.util} in 2.x): with this, one source compiles against both.
 */
public final class JobArgs extends ExecutionConfig.GlobalJobParameters {
    private static final long serialVersionUID = 1L;
    /** What ParameterTool records for a flag given without a value; Weir reads it back so. */
    private static final String NO_VALUE = "__NO_VALUE_KEY";
    /** A negative number is a value ({@code --rate -1}), not a key. */
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final Map<String, String> values;

    private JobArgs(Map<String, String> values) {
        this.values = values;
    }

    public static JobArgs fromArgs(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!isKey(args[i])) {
                throw new IllegalArgumentException("expected --<key> [value], got " + args[i]);
            }
            String key = args[i].substring(args[i].startsWith("--") ? 2 : 1);
            boolean hasValue = i + 1 < args.length && !isKey(args[i + 1]);
            values.put(key, hasValue ? args[++i] : NO_VALUE);
        }
        return new JobArgs(values);
    }

    private static boolean isKey(String arg) {
        return arg.startsWith("-") && !NUMBER.matcher(arg).matches();
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public long getLong(String key, long fallback) {
        return has(key) ? Long.parseLong(values.get(key)) : fallback;
    }

    public int getInt(String key, int fallback) {
        return has(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    public double getDouble(String key, double fallback) {
        return has(key) ? Double.parseDouble(values.get(key)) : fallback;
    }

    public boolean getBoolean(String key, boolean fallback) {
        return has(key) ? Boolean.parseBoolean(values.get(key)) : fallback;
    }

    @Override
    public Map<String, String> toMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobArgs && values.equals(((JobArgs) other).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
