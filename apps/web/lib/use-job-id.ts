'use client';

import { useParams } from 'next/navigation';

/** The job a page under `/clusters/[cluster]/jobs/[jobId]` is about. */
export function useJobId(): string {
  return useParams<{ jobId: string }>().jobId;
}
