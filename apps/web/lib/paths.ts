import type { Route } from 'next';
import type { JobTab } from './job-tabs';

// Every console URL about a cluster or one of its jobs is built here, so links agree.

/** The cluster's page: its jobs. */
export function clusterPath(cluster: string): Route {
  return `/clusters/${encodeURIComponent(cluster)}` as Route;
}

/**
 * The editor for a new job on the cluster; `from` names a job whose spec it starts from. The
 * route shadows the pages of a job whose id is `new`.
 */
export function newJobPath(cluster: string, from?: string): Route {
  const query = from ? `?${new URLSearchParams({ from })}` : '';
  return `${clusterPath(cluster)}/jobs/new${query}` as Route;
}

/** A job's page, on one of its tabs (the job itself opens its first tab). */
export function jobPath(cluster: string, jobId: string, tab?: JobTab): Route {
  const job = `${clusterPath(cluster)}/jobs/${encodeURIComponent(jobId)}`;
  return (tab ? `${job}/${tab}` : job) as Route;
}

/**
 * Where a job is upgraded: to an edited spec, or on a Flink cluster to another jar's program.
 * Not a tab, a page of its own.
 */
export function jobUpgradePath(cluster: string, jobId: string): Route {
  return `${jobPath(cluster, jobId)}/upgrade` as Route;
}
