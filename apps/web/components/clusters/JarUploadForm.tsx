'use client';

import { useMutation } from '@tanstack/react-query';
import { type InputProblem, inputProblems, JarUploadFieldsSchema } from '@weir/contract';
import { type FormEvent, useState } from 'react';
import { formatBytes } from '@/lib/format';
import { useTRPC } from '@/lib/trpc/context';
import type { UploadedJar } from '@/lib/trpc/types';
import { ErrorNotice } from '../ErrorNotice';
import { FormProblems } from '../FormProblems';
import { Spinner } from '../Spinner';

const LABELS: Record<string, string> = { jar: 'Jar file', cluster: 'Cluster' };

interface Props {
  cluster: string;
  /** The jar once uploaded; null again as soon as another file is chosen. */
  onUploaded: (jar: UploadedJar | null) => void;
}

/**
 * Uploads the chosen jar to the cluster (multipart, through the console's proxy to the engine,
 * which passes it on to Flink), after the API's own check of the file: a name ending in .jar,
 * not empty, not over the upload bound.
 */
export function JarUploadForm({ cluster, onUploaded }: Props) {
  const trpc = useTRPC();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<InputProblem[]>([]);
  const upload = useMutation(trpc.jars.upload.mutationOptions({ onSuccess: onUploaded }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = inputProblems(JarUploadFieldsSchema, { cluster, jar: file });
    setProblems(found);
    if (found.length > 0 || !file) return;
    const form = new FormData();
    form.append('cluster', cluster);
    form.append('jar', file);
    upload.mutate(form);
  };
  const choose = (chosen: File | null) => {
    setFile(chosen);
    setProblems([]);
    upload.reset();
    onUploaded(null);
  };
  return (
    <form onSubmit={submit} className="inline-form" aria-label="Upload a jar">
      <label>
        Jar file
        <input
          type="file"
          accept=".jar,application/java-archive"
          aria-invalid={problems.some((p) => p.field === 'jar')}
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
        />
      </label>
      <button type="submit" className="button-primary" disabled={upload.isPending}>
        Upload
      </button>
      {upload.isPending && file ? (
        <p className="notice" role="status">
          <Spinner /> Uploading {file.name} ({formatBytes(file.size)}) to {cluster}…
        </p>
      ) : null}
      <FormProblems problems={problems} labels={LABELS} />
      <ErrorNotice error={upload.error} />
      {upload.data ? (
        <p className="notice notice-ok" role="status">
          Uploaded {upload.data.fileName} as <span className="mono">{upload.data.jarId}</span>.
        </p>
      ) : null}
    </form>
  );
}
