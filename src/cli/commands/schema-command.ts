import { SextantError } from '../../domain/sextant-error.ts';
import type { Command } from '../command.ts';

/**
 * `sextant schema [health|lifecycle|reconcile|config]`: the JSON Schema of a reviewed YAML file,
 * generated from the same zod schemas Sextant validates with, so editors autocomplete and flag
 * mistakes (point yaml-language-server's `$schema` at the output).
 */
export const schemaCommand: Command = {
  name: 'schema',
  summary: 'Print the JSON Schema of rules/health.yaml, rules/lifecycle.yaml, rules/reconcile.yaml or sextant.yaml',
  usage: 'sextant schema health|lifecycle|reconcile|config',
  options: {},
  async run(ctx) {
    const { z } = await import('zod');
    const which = ctx.positionals[0] ?? '';
    const schemas: Record<string, () => Promise<Record<string, unknown>>> = {
      health: async () => (await import('../../config/rules/health-rules.schema.ts')).healthRulesJsonSchema(),
      lifecycle: async () => (await import('../../config/rules/lifecycle-rules.schema.ts')).lifecycleRulesJsonSchema(),
      reconcile: async () => z.toJSONSchema((await import('../../config/rules/reconcile-rules.schema.ts')).ReconcileRulesSchema, { io: 'input' }) as Record<string, unknown>,
      config: async () => z.toJSONSchema((await import('../../config/sextant-config.schema.ts')).SextantConfig, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
    };
    const make = schemas[which];
    if (make === undefined) throw new SextantError('CLI_USAGE', `which schema? one of ${Object.keys(schemas).join(', ')}`, { kind: 'config', hints: ['sextant schema health > health.schema.json'] });
    // One document either way: --json changes nothing but is accepted like everywhere else.
    ctx.stdout.write(`${JSON.stringify(await make(), null, 2)}\n`);
    return undefined;
  },
};
