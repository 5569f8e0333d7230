'use client';

import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@weir/engine/api';

// Type-only import of the router: the console never bundles engine code.
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
