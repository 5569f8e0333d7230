'use client';

import dynamic from 'next/dynamic';
import { Spinner } from '../Spinner';

/**
 * The job spec editor as pages use it: CodeMirror needs the DOM, and its chunk (with the
 * schema tooling) is needed only on the pages that edit a spec (a new job, an upgrade).
 */
export const SpecEditor = dynamic(() => import('./JobSpecEditor').then((m) => m.JobSpecEditor), {
  ssr: false,
  loading: () => (
    <p className="state state-loading" role="status">
      <Spinner /> Loading the editor…
    </p>
  ),
});
