import type { Metadata } from 'next';
import Link from 'next/link';
import { NewJobPanel } from '@/components/new-job/NewJobPanel';
import { clusterPath } from '@/lib/paths';

interface Props {
  params: Promise<{ cluster: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { cluster } = await params;
  return { title: `New job on ${cluster}` };
}

/** Writes and submits a new job; `?from=<jobId>` starts from that job's spec. */
export default async function NewJobPage({ params, searchParams }: Props) {
  const { cluster } = await params;
  const { from } = await searchParams;
  const source = typeof from === 'string' ? from : null;
  return (
    <section className="panel" aria-labelledby="new-job-heading">
      <h1 id="new-job-heading">New job on {cluster}</h1>
      <p className="muted small">
        {source ? `A copy of job ${source}, under a new id. ` : null}
        <Link href={clusterPath(cluster)}>Back to the jobs of {cluster}</Link>
      </p>
      <NewJobPanel cluster={cluster} from={source} />
    </section>
  );
}
