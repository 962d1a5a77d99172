import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { SextantError } from '../../../src/domain/sextant-error.ts';
import type { RawUsageRow } from '../../../src/pipeline/usage-source.port.ts';
import type { UsageEndpoints } from '../../../src/warehouse/open-usage-source.ts';

/** Shared pieces of the HTTP warehouse tests: a throwaway RSA key, quick retries, drains. */
export const FAST: UsageEndpoints = { retry: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 5 }, pollIntervalMs: 1 };

export type TestKey = { privatePem: string; publicKey: KeyObject; file: string; dir: string; remove(): void };

export const makeTestKey = (fileName: string, content?: (privatePem: string) => string): TestKey => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const dir = mkdtempSync(path.join(tmpdir(), 'sextant-key-'));
  const file = path.join(dir, fileName);
  writeFileSync(file, content === undefined ? privatePem : content(privatePem));
  return { privatePem, publicKey, file, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
};

export const drainRows = async (pages: AsyncIterable<readonly RawUsageRow[]>): Promise<{ pages: number; rows: RawUsageRow[] }> => {
  const rows: RawUsageRow[] = [];
  let count = 0;
  for await (const page of pages) {
    count++;
    rows.push(...page);
  }
  return { pages: count, rows };
};

export const rejectionOf = async (fn: () => PromiseLike<unknown>): Promise<SextantError> => {
  try {
    await fn();
  } catch (err) {
    expect(err).to.be.instanceOf(SextantError);
    return err as SextantError;
  }
  throw new Error('expected a rejection');
};

/** A request as a nock reply function saw it. */
export type Seen = { method: string; path: string; body: Record<string, unknown>; text: string; headers: Record<string, string> };

export const recorded = async (req: Request): Promise<Seen> => {
  const url = new URL(req.url);
  const text = await req.clone().text();
  let body: Record<string, unknown> = {};
  try {
    body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    // a form body: kept as text
  }
  return { method: req.method, path: `${url.pathname}${url.search}`, body, text, headers: Object.fromEntries(req.headers) };
};
