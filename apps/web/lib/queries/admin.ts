'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/context';

// Users and tokens change only through the admin pages, whose forms refresh these lists.

export function useUsers() {
  const trpc = useTRPC();
  return useQuery(trpc.users.list.queryOptions());
}

export function useTokens() {
  const trpc = useTRPC();
  return useQuery(trpc.tokens.list.queryOptions());
}
