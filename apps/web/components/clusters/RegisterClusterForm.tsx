'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RegisterClusterInputSchema } from '@weir/contract';
import { type FormEvent, useState } from 'react';
import { refusedField } from '@/lib/refused-field';
import { useTRPC } from '@/lib/trpc/context';
import type { RouterInputs } from '@/lib/trpc/types';
import { useInputCheck } from '@/lib/use-input-check';
import { FormProblems } from '../FormProblems';
import { RefusalNotice } from '../RefusalNotice';

/** The form's words for the API's fields, for what the check or the engine refuses. */
const LABELS: Record<string, string> = {
  id: 'Name',
  restUrl: 'REST URL',
  authorization: 'Authorization header',
  zookeeper: 'ZooKeeper',
  'zookeeper.quorum': 'ZooKeeper quorum',
  'zookeeper.root': 'ZooKeeper root',
  'zookeeper.clusterId': 'ZooKeeper cluster id',
};

const EMPTY = { id: '', restUrl: '', authorization: '', quorum: '', root: '', clusterId: '' };

type Fields = typeof EMPTY;

/** The call for the fields as typed: what is left empty is left out (the API's defaults). */
function registerInput(f: Fields): RouterInputs['clusters']['register'] {
  const zookeeper = f.quorum || f.root || f.clusterId;
  return {
    id: f.id.trim(),
    kind: 'flink',
    restUrl: f.restUrl.trim(),
    authorization: f.authorization || undefined,
    zookeeper: zookeeper
      ? {
          quorum: f.quorum.trim(),
          root: f.root.trim() || undefined,
          clusterId: f.clusterId.trim() || undefined,
        }
      : undefined,
  };
}

/**
 * Registers a Flink cluster by its JobManager's REST URL. The engine asks it first, so a URL
 * where no Flink answers is refused here, naming the field, rather than found later on every
 * page.
 */
export function RegisterClusterForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState(EMPTY);
  const register = useMutation(
    trpc.clusters.register.mutationOptions({
      onSuccess: () => setFields(EMPTY),
      onSettled: () => queryClient.invalidateQueries(trpc.clusters.list.pathFilter()),
    }),
  );
  const check = useInputCheck(RegisterClusterInputSchema, register.mutate);
  const refused = refusedField(register.error, Object.keys(LABELS));
  const isInvalid = (field: string) => check.isInvalid(field) || refused?.field === field;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    check.submit(registerInput(fields));
  };
  const field = (name: keyof Fields) => ({
    value: fields[name],
    onChange: (e: { target: { value: string } }) =>
      setFields((f) => ({ ...f, [name]: e.target.value })),
  });

  return (
    <form onSubmit={submit} className="inline-form" aria-label="Register a Flink cluster">
      <label>
        Name
        <input
          {...field('id')}
          placeholder="prod-flink"
          autoComplete="off"
          aria-invalid={isInvalid('id')}
        />
      </label>
      <label>
        REST URL
        <input
          {...field('restUrl')}
          inputMode="url"
          placeholder="http://flink-jobmanager:8081"
          autoComplete="off"
          aria-invalid={isInvalid('restUrl')}
        />
      </label>
      <label>
        Authorization header
        <input
          {...field('authorization')}
          type="password"
          placeholder="optional, e.g. Bearer …"
          autoComplete="new-password"
          aria-invalid={isInvalid('authorization')}
        />
      </label>
      <fieldset className="inline-form">
        <legend>ZooKeeper HA (optional: where Flink's JobManager leader is read)</legend>
        <label>
          ZooKeeper quorum
          <input
            {...field('quorum')}
            placeholder="zk-1:2181,zk-2:2181"
            autoComplete="off"
            aria-invalid={isInvalid('zookeeper.quorum')}
          />
        </label>
        <label>
          ZooKeeper root
          <input
            {...field('root')}
            placeholder="/flink"
            autoComplete="off"
            aria-invalid={isInvalid('zookeeper.root')}
          />
        </label>
        <label>
          ZooKeeper cluster id
          <input
            {...field('clusterId')}
            placeholder="/default"
            autoComplete="off"
            aria-invalid={isInvalid('zookeeper.clusterId')}
          />
        </label>
      </fieldset>
      <button type="submit" className="button-primary" disabled={register.isPending}>
        {register.isPending ? 'Asking the cluster…' : 'Register cluster'}
      </button>
      <FormProblems problems={check.problems} labels={LABELS} />
      <RefusalNotice refused={refused} error={register.error} labels={LABELS} />
      {register.data ? (
        <p className="notice notice-ok" role="status">
          Registered {register.data.id}
          {register.data.flink ? ` (Apache Flink ${register.data.flink.version})` : ''}.
        </p>
      ) : null}
    </form>
  );
}
