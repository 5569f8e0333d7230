import type { Prisma, PrismaClient } from '@prisma/client';

/** What repositories run on: the client itself, or the client inside a transaction. */
export type Db = PrismaClient | Prisma.TransactionClient;
