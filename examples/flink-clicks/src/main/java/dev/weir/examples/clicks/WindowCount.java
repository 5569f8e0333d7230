package dev.weir.examples.clicks;

/** A closed window's count for one user, [windowStart, windowEnd) in epoch milliseconds. */
public class WindowCount {
    public String key;
    public long windowStart;
    public long windowEnd;
    public long count;

    public WindowCount() {}

    public WindowCount(String key, long windowStart, long windowEnd, long count) {
        this.key = key;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.count = count;
    }
}
