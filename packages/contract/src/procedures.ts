/**
 * Where a procedure can be answered. Only the leader runs jobs, so calls about jobs, their
 * checkpoints and savepoints, and the failover (the leader steps down) are answered there: a
 * standby forwards them. Any instance answers the rest.
 */
export type RunsOn = 'leader' | 'any';

export interface ProcedureMeta {
  runsOn: RunsOn;
}

const leader: ProcedureMeta = { runsOn: 'leader' };
const any: ProcedureMeta = { runsOn: 'any' };

/**
 * Every procedure of the engine's API, keyed by its path ('router.procedure'). An engine test
 * holds this to the real router both ways, so a procedure cannot be added without saying
 * where it runs.
 */
export const PROCEDURES = {
  'auth.login': any,
  'auth.logout': any,
  'auth.me': any,

  'cluster.overview': any,
  'cluster.failover': leader,

  // Registered clusters live in the database; a Flink cluster is reached over its REST API.
  'clusters.list': any,
  'clusters.register': any,
  'clusters.remove': any,

  'jobs.list': leader,
  'jobs.get': leader,
  'jobs.submit': leader,
  'jobs.plan': leader,
  // A job without versions gets its running spec recorded as version 1, by the leader.
  'jobs.versions': leader,
  'jobs.upgradeCheck': leader,
  'jobs.upgrade': leader,
  'jobs.rollback': leader,
  'jobs.loadHistory': leader,
  'jobs.recentResults': leader,
  // Dead letters are kept in the database once published: any instance reads them.
  'jobs.deadLetters': any,
  'jobs.replayDeadLetters': leader,
  'jobs.exceptions': leader,
  // From the database: answered even while no instance leads.
  'jobs.timeline': any,
  'jobs.restoreCheck': leader,
  'jobs.cancel': leader,
  'jobs.restore': leader,
  'jobs.rescale': leader,
  'jobs.operation': leader,
  'jobs.operations': leader,

  // Like every call about jobs: the leader's backend remembers how it started a job, so that its
  // restores and rescales can run the jar again.
  'jars.upload': leader,
  'jars.plan': leader,
  'jars.run': leader,
  'jars.upgrade': leader,

  'checkpoints.list': leader,
  'checkpoints.counts': leader,
  'checkpoints.get': leader,

  'savepoints.list': leader,
  'savepoints.trigger': leader,
  'savepoints.dispose': leader,
  // Policies live in the database; setting one and keeping a savepoint check the job there.
  'savepoints.policy': any,
  'savepoints.setPolicy': leader,
  'savepoints.keep': leader,
  'savepoints.status': leader,
  'savepoints.stop': leader,

  'alerts.current': any,
  'alerts.history': any,
  'alerts.stats': any,
  'alerts.rules': any,
  'alerts.createRule': any,
  'alerts.updateRule': any,
  // Paging: channels, routes, silences and acknowledgements live in the database.
  'alerts.channels': any,
  'alerts.addChannel': any,
  'alerts.updateChannel': any,
  'alerts.removeChannel': any,
  'alerts.testChannel': any,
  'alerts.routes': any,
  'alerts.addRoute': any,
  'alerts.removeRoute': any,
  'alerts.silences': any,
  'alerts.addSilence': any,
  'alerts.expireSilence': any,
  'alerts.acknowledge': any,

  'audit.list': any,

  // Each instance keeps its own log lines; one naming another instance is asked there.
  'logs.query': any,

  // Each instance samples its own threads and profiles them; one naming another is asked there.
  'instances.resources': any,
  'instances.profile': any,

  'users.list': any,
  'users.create': any,
  'users.setRole': any,
  'users.setDisabled': any,
  'users.resetPassword': any,

  'tokens.list': any,
  'tokens.create': any,
  'tokens.revoke': any,
} as const satisfies Record<string, ProcedureMeta>;

export type ProcedurePath = keyof typeof PROCEDURES;

/** Where `path` runs; an unknown path is 'any', so the instance asked answers it with a 404. */
export function runsOn(path: string): RunsOn {
  return Object.hasOwn(PROCEDURES, path) ? PROCEDURES[path as ProcedurePath].runsOn : 'any';
}
