import {
  AddChannelInputSchema,
  AddRouteInputSchema,
  CHANNEL_SECRETS,
  ChannelIdInputSchema,
  ChannelSchema,
  type ChannelSecrets,
  type ChannelSettings,
  ChannelTestResultSchema,
  RemoveRouteInputSchema,
  RouteSchema,
  TestChannelInputSchema,
  type UpdateChannelInput,
  UpdateChannelInputSchema,
} from '@weir/contract';
import { z } from 'zod';
import { mergedSecrets, setSecrets } from '../../alerts/paging/channel-secrets.js';
import type { Paging } from '../../alerts/paging/paging.js';
import type { ChannelConfig } from '../../alerts/paging/senders/send.js';
import { actorOf } from '../../auth/principal.js';
import type {
  AlertChannelRepository,
  ChannelWrite,
  StoredChannel,
} from '../../db/alert-channel-repository.js';
import { invalidArgument, notFound } from '../../errors/weir-error.js';
import { adminProcedure, viewerProcedure } from '../trpc.js';

/** What is stored of a channel: its settings as they are, its secrets sealed. */
const writeOf = (
  paging: Paging,
  input: { name: string; settings: ChannelSettings },
  secrets: ChannelSecrets,
): ChannelWrite => ({
  name: input.name,
  kind: input.settings.kind,
  settings: input.settings,
  sealedSecrets: paging.secrets.seal(secrets),
});

/** Stored secrets that cannot be opened (the key changed or is gone) are the caller's to fix. */
const unopenable = (error: unknown) =>
  invalidArgument(`secrets: ${error instanceof Error ? error.message : String(error)}`);

async function channelToTest(
  paging: Paging,
  id: number,
  channels: AlertChannelRepository,
): Promise<ChannelConfig> {
  const channel = await paging.channel(id, channels).catch((error: unknown) => {
    throw unopenable(error);
  });
  if (channel) return channel;
  throw notFound(
    id === 0 ? 'built-in webhook (WEIR_ALERT_WEBHOOK_URL)' : `notification channel ${id}`,
  );
}

/**
 * The stored secrets an edit keeps. Opened only when one is kept, so an admin whose key
 * changed can still give every secret anew.
 */
function keptSecrets(
  paging: Paging,
  stored: StoredChannel,
  input: UpdateChannelInput,
): ChannelSecrets {
  const keeps = setSecrets(stored.sealedSecrets).some(
    (field) =>
      CHANNEL_SECRETS[input.settings.kind].fields.includes(field) &&
      input.secrets[field] === undefined &&
      !input.clearSecrets.includes(field),
  );
  if (!keeps) return {};
  try {
    return paging.secrets.open(stored.sealedSecrets);
  } catch (error) {
    throw unopenable(error);
  }
}

/** Notification channels and the routes to them: admins configure them, everyone reads. */
export const channelProcedures = {
  /** The built-in webhook first (when configured), then the stored channels by name. */
  channels: viewerProcedure.output(z.array(ChannelSchema)).query(async ({ ctx }) => {
    const { paging } = ctx.alerting;
    const stored = await ctx.store.alerts.channels.list();
    const builtIn = paging.builtIn();
    return [...(builtIn ? [builtIn] : []), ...stored.map((c) => paging.describe(c))];
  }),
  addChannel: adminProcedure
    .input(AddChannelInputSchema)
    .output(ChannelSchema)
    .mutation(({ ctx, input }) => {
      const { paging } = ctx.alerting;
      const write = writeOf(paging, input, input.secrets);
      return ctx.audit.transaction(async (db) =>
        paging.describe(await db.alerts.channels.create(write, actorOf(ctx.principal))),
      );
    }),
  /** Secrets left out keep their stored values; `clearSecrets` removes some. */
  updateChannel: adminProcedure
    .input(UpdateChannelInputSchema)
    .output(ChannelSchema)
    .mutation(({ ctx, input }) => {
      const { paging } = ctx.alerting;
      return ctx.audit.transaction(async (db) => {
        const stored = await db.alerts.channels.find(input.id);
        if (!stored) throw notFound(`notification channel ${input.id}`);
        const kept = keptSecrets(paging, stored, input);
        const secrets = mergedSecrets(input.settings.kind, kept, input.secrets, input.clearSecrets);
        return paging.describe(
          await db.alerts.channels.update(input.id, writeOf(paging, input, secrets)),
        );
      });
    }),
  /** Its routes go with it; deliveries it still owed are given up. */
  removeChannel: adminProcedure
    .input(ChannelIdInputSchema)
    .output(z.object({ id: z.number().int() }))
    .mutation(({ ctx, input }) =>
      ctx.audit.transaction(async (db) => {
        await db.alerts.channels.remove(input.id, ctx.auth.now());
        return { id: input.id };
      }),
    ),
  /** Sends a notification marked as a test now; answers whether the channel took it. */
  testChannel: adminProcedure
    .input(TestChannelInputSchema)
    .output(ChannelTestResultSchema)
    .mutation(async ({ ctx, input }) => {
      const { paging } = ctx.alerting;
      const channel = await channelToTest(paging, input.id, ctx.store.alerts.channels);
      return paging.test(channel, actorOf(ctx.principal));
    }),
  routes: viewerProcedure
    .output(z.array(RouteSchema))
    .query(({ ctx }) => ctx.store.alerts.channels.routes()),
  addRoute: adminProcedure
    .input(AddRouteInputSchema)
    .output(RouteSchema)
    .mutation(({ ctx, input }) =>
      ctx.audit.transaction((db) => db.alerts.channels.addRoute(input, actorOf(ctx.principal))),
    ),
  removeRoute: adminProcedure
    .input(RemoveRouteInputSchema)
    .output(z.object({ id: z.number().int() }))
    .mutation(({ ctx, input }) =>
      ctx.audit.transaction(async (db) => {
        await db.alerts.channels.removeRoute(input.id);
        return { id: input.id };
      }),
    ),
};
