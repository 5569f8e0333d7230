/**
 * The job page's tabs, in display order. Each is a route of its own
 * (`/clusters/<cluster>/jobs/<id>/<tab>`), so links can be shared and back/forward move
 * between tabs.
 */
export const JOB_TABS = [
  { id: 'topology', label: 'Topology' },
  { id: 'checkpoints', label: 'Checkpoints' },
  { id: 'savepoints', label: 'Savepoints' },
  { id: 'versions', label: 'Versions' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'logs', label: 'Logs' },
  { id: 'exceptions', label: 'Exceptions' },
  { id: 'dead-letters', label: 'Dead letters' },
  { id: 'configuration', label: 'Configuration' },
] as const;

export type JobTab = (typeof JOB_TABS)[number]['id'];

/**
 * The tab a link asks for: links from before tabs were routes name it in `?tab=`. Unknown or
 * missing values fall back to the topology, so an old or mistyped link still opens.
 */
export function parseJobTab(value: string | string[] | undefined): JobTab {
  const found = JOB_TABS.find((t) => t.id === value);
  return found ? found.id : 'topology';
}
