package dev.weir.examples.clicks;

/** One parsed click: a Flink POJO (public fields, no-argument constructor). */
public class Click {
    public String user;
    public String page;
    public long ts;

    public Click() {}

    public Click(String user, String page, long ts) {
        this.user = user;
        this.page = page;
        this.ts = ts;
    }
}
