'use client';

import { hasRole } from '@/lib/roles';
import { useMe } from '@/lib/use-me';
import { RegisterClusterForm } from './RegisterClusterForm';

/**
 * Only for admins: registering a cluster points the console, and every operator's actions, at
 * another system. Others are not shown the form (the engine refuses them anyway).
 */
export function RegisterClusterPanel() {
  const me = useMe().data;
  if (!hasRole(me?.role, 'admin')) return null;
  return (
    <section className="panel" aria-labelledby="register-cluster-heading">
      <h2 id="register-cluster-heading">Register a Flink cluster</h2>
      <p className="muted small">
        The engine asks the JobManager at the REST URL before storing it. An Authorization header
        (for a proxy in front of Flink) is stored encrypted and never shown again.
      </p>
      <RegisterClusterForm />
    </section>
  );
}
