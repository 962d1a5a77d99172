import type { CrmAccount } from '../../domain/crm-records.ts';
import { toId18 } from '../../domain/salesforce-id.ts';
import { SextantError } from '../../domain/sextant-error.ts';
import type { Store } from '../../store/store.ts';
import type { Command } from '../command.ts';
import { wholeNumber } from '../option-values.ts';

/** An account by its 15- or 18-character id, or by its name (case-insensitive, exact, then unique prefix). */
const findAccount = async (store: Store, wanted: string): Promise<CrmAccount> => {
  const id = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(wanted) ? toId18(wanted) : null;
  if (id !== null) {
    const [byId] = await store.getRecords('accounts', [id]);
    if (byId !== undefined) return byId;
  }
  const needle = wanted.trim().toLowerCase();
  const exact: CrmAccount[] = [];
  const prefix: CrmAccount[] = [];
  for await (const a of store.iterateRecords('accounts')) {
    const name = a.name.toLowerCase();
    if (name === needle) exact.push(a);
    else if (name.startsWith(needle)) prefix.push(a);
  }
  const found = exact.length > 0 ? exact : prefix;
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new SextantError('ACCOUNT_NOT_FOUND', `no account with id or name '${wanted}' in the store`, { kind: 'data', path: wanted, hints: ['Run `sextant sync`, or check the spelling.'] });
  throw new SextantError('ACCOUNT_AMBIGUOUS', `'${wanted}' names ${found.length} accounts`, {
    kind: 'data', path: wanted, hints: found.slice(0, 5).map((a) => `${a.name} (${a.id})`),
  });
};

/**
 * `sextant explain ACCOUNT`: why the account has its score and stage — each measure with its
 * input, band, points and weight, the trend and what it compares with, the stage and the rule
 * that put it there — in words a CSM reads in ten seconds.
 */
export const explainCommand: Command = {
  name: 'explain',
  summary: 'Explain an account\'s health score and lifecycle stage',
  usage: 'sextant explain ACCOUNT (id or name) [--json]',
  options: {},
  async run(ctx) {
    const [{ readEnv }, { openStore }, { explainSnapshot }, { explainStage }] = await Promise.all([
      import('../../config/env.ts'), import('../../store/open-store.ts'), import('../../health/index.ts'), import('../../lifecycle/index.ts'),
    ]);
    const wanted = ctx.positionals.join(' ').trim();
    if (wanted === '') throw new SextantError('CLI_USAGE', 'name the account: sextant explain "Acme Corp" (or its id)', { kind: 'config' });
    const env = readEnv();
    const store = await openStore(env.SEXTANT_DATABASE_URL);
    try {
      const account = await findAccount(store, wanted);
      const [snapshot] = await store.healthSnapshotsOf(account.id, 1);
      const stage = await store.stageAssignmentOf(account.id);
      const rollup = await store.healthRollupOf(account.id);
      const transitions = await store.stageTransitionsOf(account.id);
      if (ctx.json) return { account: { id: account.id, name: account.name, segment: account.segment, arr: account.arr }, snapshot: snapshot ?? null, stage, rollup, transitions };
      const out = ctx.stdout;
      if (snapshot === undefined) out.write(`${account.name} (${account.id}): not scored yet — it is not a customer, or \`sextant score\` has not run since it became one.\n`);
      else for (const line of explainSnapshot(snapshot)) out.write(`${line}\n`);
      if (stage !== null) out.write(`stage: ${explainStage(stage)}\n`);
      if (transitions.length > 1) out.write(`  history: ${transitions.map((t) => `${t.at} ${t.to ?? '(none)'}`).join(' → ')}\n`);
      if (rollup !== null) {
        out.write(`hierarchy: ${rollup.descendants} accounts beneath; rolled-up health ${rollup.score ?? 'n/a'} (${rollup.colour}, ${rollup.weighting}-weighted), ARR at risk ${wholeNumber(rollup.arrAtRisk)} in ${rollup.redAccounts} red accounts\n`);
      }
      return undefined;
    } finally {
      await store.close();
    }
  },
};
