'use client';

import { EMBEDDED_CLUSTER } from '@weir/contract';
import { useParams } from 'next/navigation';

/**
 * The cluster a page is about: the one its route names (`/clusters/[cluster]/...`), or the
 * embedded cluster on the pages from before there were several (`/`).
 */
export function useClusterId(): string {
  return useParams<{ cluster?: string }>().cluster ?? EMBEDDED_CLUSTER;
}
