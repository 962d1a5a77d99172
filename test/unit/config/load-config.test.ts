import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../../src/config/load-config.ts';
import { readEnv } from '../../../src/config/env.ts';
import { SextantError } from '../../../src/domain/sextant-error.ts';

const write = (text: string): string => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sextant-cfg-')), 'sextant.yaml');
  writeFileSync(file, text);
  return file;
};

const failure = async (p: Promise<unknown>): Promise<SextantError> => {
  try {
    await p;
  } catch (err) {
    return err as SextantError;
  }
  throw new Error('expected a failure');
};

describe('sextant.yaml', () => {
  it('defaults everything when the file is empty', async () => {
    const cfg = await loadConfig(write(''));
    expect(cfg.sync.bulkThreshold).to.equal(10_000);
    expect(cfg.sync.apiBudget).to.deep.equal({ runShare: 0.25, orgFloor: 0.8 });
    expect(path.isAbsolute(cfg.mappingsDir)).to.equal(true);
  });

  it('reports every problem with file:line and the key path', async () => {
    const file = write('sync:\n  bulkThreshold: -5\n  apiBudget:\n    runShare: 3\n  nope: 1\n');
    const err = await failure(loadConfig(file));
    expect(err.code).to.equal('CONFIG_INVALID');
    expect(err.message).to.contain(`${file}:2 sync.bulkThreshold`);
    expect(err.message).to.contain(`${file}:4 sync.apiBudget.runShare`);
    expect(err.message).to.contain('nope');
  });

  it('reports YAML syntax errors with their line', async () => {
    const file = write('sync:\n  bulkThreshold: [1,\n');
    const err = await failure(loadConfig(file));
    expect(err.code).to.equal('CONFIG_INVALID');
    expect(err.path).to.match(/sextant\.yaml:\d+$/);
  });

  it('an explicit path that does not exist is an error', async () => {
    expect((await failure(loadConfig('/nonexistent/sextant.yaml'))).code).to.equal('CONFIG_INVALID');
  });
});

describe('environment', () => {
  it('defaults and validates', () => {
    expect(readEnv({}).SF_API_VERSION).to.equal('62.0');
    expect(readEnv({}).SEXTANT_DATABASE_URL).to.equal('sqlite:.sextant/sextant.db');
    let err: unknown;
    try {
      readEnv({ SF_INSTANCE_URL: 'not a url' });
    } catch (e) {
      err = e;
    }
    expect((err as SextantError).code).to.equal('CONFIG_INVALID');
    expect((err as SextantError).path).to.equal('SF_INSTANCE_URL');
  });
});
