import type { ClusterSummary } from './trpc/types';

/** What the console offers, or words differently, only on clusters that can do it. */
export type Ability =
  | 'results'
  | 'rescaleInPlace'
  | 'restoreCheck'
  | 'versions'
  | 'submitSpec'
  | 'submitJar'
  | 'upgradeJar'
  | 'leaderView';

export type AbilityGate = { allowed: true; reason: null } | { allowed: false; reason: string };

/** Why a cluster without the ability lacks it: shown where the control or panel would be. */
const MISSING: Record<Ability, (cluster: ClusterSummary) => string> = {
  results: () =>
    'Weir keeps window results and dead letters only for the jobs its own engine runs; a Flink job writes its results to its own sinks.',
  rescaleInPlace: (cluster) =>
    cluster.kind === 'embedded'
      ? "Weir's engine rescales through a savepoint: the job stops and starts again at the new parallelism."
      : 'This Flink cluster does not run the adaptive scheduler (jobmanager.scheduler: adaptive): a rescale stops the job with a savepoint and runs its jar again at the new parallelism, as a new Flink job with a new id.',
  restoreCheck: () =>
    'Flink checks a snapshot against the job only as the restored job starts: a restore that does not fit fails then, with the reason.',
  versions: () =>
    'Flink jobs are not versioned by Weir yet: a Flink job runs a jar, and Weir keeps no history of the jars a job ran (Upgrade program… runs another).',
  submitSpec: () =>
    "This cluster runs jars, not Weir job specs: submit a jar from the cluster's page, or with Flink's own tools.",
  submitJar: () =>
    'This cluster runs Weir job specs, not jars: jars run on the Flink clusters registered under Clusters.',
  upgradeJar: () =>
    "This cluster runs Weir job specs, not jars: its jobs are upgraded to a new spec, with the job's own Edit and upgrade.",
  leaderView: () =>
    'Which JobManager leads is known only when the cluster is registered with its ZooKeeper settings.',
};

/**
 * From the capabilities the cluster reports, but: the dry run of a restore is the embedded
 * engine's own (it reads the snapshot the way its restore will), and so are job versions and
 * spec upgrades (they are of Weir job specs). A job of a cluster that runs jars is upgraded to
 * another jar's program instead.
 */
function allowedOn(cluster: ClusterSummary, what: Ability): boolean {
  switch (what) {
    case 'restoreCheck':
    case 'versions':
      return cluster.kind === 'embedded';
    case 'upgradeJar':
      return cluster.capabilities.submitJar;
    default:
      return cluster.capabilities[what];
  }
}

/** Whether `cluster` can do `what`, and if not, why not. */
export function abilityOf(cluster: ClusterSummary, what: Ability): AbilityGate {
  return allowedOn(cluster, what)
    ? { allowed: true, reason: null }
    : { allowed: false, reason: MISSING[what](cluster) };
}
