import { z } from 'zod';
import type { Route } from './route.ts';
import { readJson, sendJson, SfHttpError } from './sf-response.ts';

/**
 * `/__sandbox/*`: levers for tests and demos run in another process (a sync killed mid-object,
 * quota exhaustion, faults). Not part of Salesforce's API; guarded by the org's control token (printed as `controlToken`).
 */
const Command = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('faults'), plan: z.unknown() }),
  z.strictObject({ action: z.literal('daily-api-max'), max: z.number().int().positive() }),
  z.strictObject({ action: z.literal('consume-api'), calls: z.number().int().nonnegative() }),
  z.strictObject({ action: z.literal('reset-api-usage') }),
  z.strictObject({ action: z.literal('revoke-sessions') }),
  z.strictObject({ action: z.literal('clock'), freezeAt: z.iso.datetime().optional(), advanceMs: z.number().int().optional(), unfreeze: z.boolean().optional() }),
  z.strictObject({ action: z.literal('merge'), sobject: z.string(), masterId: z.string(), loserIds: z.array(z.string()).min(1) }),
  z.strictObject({ action: z.literal('purge'), ids: z.array(z.string()) }),
  z.strictObject({ action: z.literal('touch'), ids: z.array(z.string()), values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional() }),
]);

export const adminRoutes: Route[] = [
  {
    method: 'POST', path: '/__sandbox/admin', routeClass: 'admin', auth: false,
    handler: async ({ req, res, org }) => {
      if (req.headers.authorization !== `Bearer ${org.controlToken}`) throw new SfHttpError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      const parsed = Command.safeParse(await readJson(req));
      if (!parsed.success) throw new SfHttpError(400, 'INVALID_ADMIN_COMMAND', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const cmd = parsed.data;
      switch (cmd.action) {
        case 'faults': {
          try {
            org.faults.configure(cmd.plan);
          } catch (err) {
            throw new SfHttpError(400, 'INVALID_ADMIN_COMMAND', `fault plan: ${(err as Error).message}`);
          }
          break;
        }
        case 'daily-api-max': org.usage.dailyMax = cmd.max; break;
        case 'consume-api': org.usage.consumeExternal(cmd.calls); break;
        case 'reset-api-usage': org.usage.reset(); break;
        case 'revoke-sessions': org.sessions.revokeAll(); break;
        case 'clock':
          if (cmd.freezeAt) org.clock.freeze(new Date(cmd.freezeAt));
          if (cmd.advanceMs) org.clock.advance(cmd.advanceMs);
          if (cmd.unfreeze) org.clock.unfreeze();
          break;
        case 'merge': org.store.merge(cmd.sobject, cmd.masterId, cmd.loserIds); break;
        case 'purge': cmd.ids.forEach((id) => org.store.purge(id)); break;
        case 'touch': cmd.ids.forEach((id) => org.store.touch(id, cmd.values)); break;
      }
      sendJson(res, 200, { ok: true, now: org.clock.now().toISOString(), apiUsage: org.usage.header() });
    },
  },
];
