import type { Kysely } from 'kysely';
import type { StoreDatabase } from '../schema/store-database.ts';

/** Small JSON values a step keeps between runs (the last usage day loaded), by name. */
export const getStepState = async (db: Kysely<StoreDatabase>, name: string): Promise<unknown> => {
  const row = await db.selectFrom('step_state').select('value').where('name', '=', name).executeTakeFirst();
  return row === undefined ? null : (JSON.parse(row.value) as unknown);
};

export const setStepState = async (db: Kysely<StoreDatabase>, name: string, value: unknown, at = new Date().toISOString()): Promise<void> => {
  await db.insertInto('step_state').values({ name, value: JSON.stringify(value), updated_at: at })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at') })))
    .execute();
};
