/*
 * How often each kind of view asks the engine again. They are here together so the load a
 * page puts on the engine can be read in one place; the query hooks beside this file are the
 * only ones to use them, and no component sets an interval of its own.
 */

/**
 * Live views: a job's status and metrics, its checkpoints, who leads the cluster, what is
 * firing. They are what an operator watches change, so they follow the engine closely.
 */
export const LIVE_REFRESH_MS = 2_000;
/** The query options of a live view. */
export const live = { refetchInterval: LIVE_REFRESH_MS };

/**
 * The audit trail, alert history and job versions: new rows come from people and rules, not
 * each second.
 */
export const HISTORY_REFRESH_MS = 5_000;

/** Firings per hour: one more firing barely moves a bar, so a chart may lag half a minute. */
export const HOURLY_CHART_REFRESH_MS = 30_000;

/**
 * A restore, rescale or upgrade while it runs: its phases pass within seconds and the page
 * shows each one, so it is asked often, and not at all once it has ended.
 */
export const OPERATION_POLL_MS = 500;

/** A savepoint being taken, until it completes or fails: most take a second or two. */
export const SAVEPOINT_POLL_MS = 1_000;

/** Engine log lines while the log view follows them: a line should show within a second. */
export const LOG_FOLLOW_MS = 1_000;

/** An instance's resource charts: each instance samples its threads every 5 s. */
export const RESOURCES_REFRESH_MS = 5_000;
