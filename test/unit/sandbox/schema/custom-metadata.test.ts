import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { DEFAULT_METADATA_DIR } from '../../../../src/sandbox/sandbox-org.ts';
import { loadCustomMetadata } from '../../../../src/sandbox/schema/custom-metadata.ts';
import { buildCatalog } from '../../../../src/sandbox/schema/catalog.ts';
import { standardObjects, stubObjects } from '../../../../src/sandbox/schema/standard-objects.ts';
import { SextantError } from '../../../../src/domain/sextant-error.ts';

describe('custom metadata from sfdx-project', () => {
  it('adds the shipped custom fields and the Subscription__c object to describe', async () => {
    const catalog = buildCatalog(await loadCustomMetadata(DEFAULT_METADATA_DIR, [...standardObjects(), ...stubObjects()]));
    expect(catalog.field('Account', 'health_score__c')).to.include({ name: 'Health_Score__c', type: 'double', precision: 3, scale: 0 });
    expect(catalog.field('Task', 'Sextant_Key__c')).to.include({ externalId: true, unique: true, length: 80, nillable: true });
    expect(catalog.field('Account', 'CSM__c')).to.include({ type: 'reference', relationshipName: 'CSM__r' });
    expect(catalog.object('Subscription__c')).to.include({ keyPrefix: 'a0S', custom: true });
    expect(catalog.childRelationship('Account', 'Subscriptions__r')).to.deep.equal({ childSObject: 'Subscription__c', field: 'Account__c', relationshipName: 'Subscriptions__r' });
  });

  const broken = async (xml: string): Promise<unknown> => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sextant-meta-'));
    mkdirSync(path.join(dir, 'Account', 'fields'), { recursive: true });
    writeFileSync(path.join(dir, 'Account', 'fields', 'Bad__c.field-meta.xml'), xml);
    return loadCustomMetadata(dir, standardObjects()).then(() => null, (err: unknown) => err);
  };

  it('refuses malformed XML with METADATA_INVALID and the file:line', async () => {
    const err = await broken('<?xml version="1.0"?><CustomField><fullName>Bad__c</fullName><label>Bad</label>\n<type>Text</type></CustomFeld>');
    expect(err).to.be.instanceOf(SextantError);
    expect((err as SextantError).code).to.equal('METADATA_INVALID');
    expect((err as SextantError).path).to.match(/Bad__c\.field-meta\.xml:2$/);
  });

  it('refuses an unknown field type', async () => {
    const err = await broken('<?xml version="1.0"?><CustomField><fullName>Bad__c</fullName><label>Bad</label><type>Hologram</type></CustomField>');
    expect((err as SextantError).code).to.equal('METADATA_INVALID');
    expect((err as SextantError).message).to.contain('type');
  });
});
