import { isDeepStrictEqual } from 'node:util';
import { expect } from 'chai';
import { CANONICAL_FIELDS } from '../../../../src/config/mappings/canonical-fields.ts';
import { checkMappingAgainstDescribe } from '../../../../src/config/mappings/check-mapping.ts';
import { loadMappings } from '../../../../src/config/mappings/load-mappings.ts';
import { compileColumnNormalizer, compileNormalizer } from '../../../../src/config/mappings/normalize-row.ts';
import type { MappingSet } from '../../../../src/config/mappings/object-mapping.ts';
import { flattenRestRecord } from '../../../../src/config/mappings/rest-row.ts';
import { soqlFieldList } from '../../../../src/config/mappings/soql-fields.ts';
import { CRM_OBJECTS } from '../../../../src/domain/crm-records.ts';
import { seedDemoData } from '../../../../src/sandbox/demo/seed-demo.ts';
import { createSandboxOrg } from '../../../../src/sandbox/sandbox-org.ts';
import { runSoql } from '../../../../src/sandbox/soql/index.ts';
import { CONTEXT, sandboxDescribes, SHIPPED_MAPPINGS_DIR } from './mapping-fixtures.ts';

/** The registry's own validation test: what ships in mappings/ must load, check and read the demo org. */
describe('shipped mappings (mappings/*.yaml)', () => {
  let set: MappingSet;
  before(async () => {
    set = await loadMappings(SHIPPED_MAPPINGS_DIR);
  });

  it('load: one file per canonical object, in sync order', () => {
    expect(set.objects.map((m) => m.object)).to.deep.equal([...CRM_OBJECTS]);
    expect(set.objects.map((m) => m.source)).to.deep.equal(['User', 'Account', 'Contact', 'Opportunity', 'Subscription__c']);
  });

  it('map every canonical field of every object (defaults for a typical org leave nothing out)', () => {
    for (const mapping of set.objects) {
      expect(mapping.fields.map((f) => f.target).sort(), mapping.object).to.deep.equal(Object.keys(CANONICAL_FIELDS[mapping.object]).sort());
    }
  });

  it('pass checkMappingAgainstDescribe against the sandbox org', async () => {
    const describes = await sandboxDescribes();
    for (const mapping of set.objects) {
      expect(checkMappingAgainstDescribe(mapping, describes[mapping.source] ?? null, describes), mapping.file).to.deep.equal([]);
    }
  });

  it('read every demo org record over REST and Bulk CSV into identical records, none quarantined', async () => {
    const org = await createSandboxOrg();
    const now = new Date(CONTEXT.asOf);
    await seedDemoData(org, { accounts: 120, asOf: now });
    for (const mapping of set.objects) {
      const result = runSoql(`SELECT ${soqlFieldList(mapping).join(', ')} FROM ${mapping.source}`, org.store, { includeDeleted: true, now });
      expect(result.rowCount, mapping.object).to.be.greaterThan(0);
      const rest = compileNormalizer(mapping);
      const bulk = compileColumnNormalizer(mapping, result.bulkColumns);
      for (let i = 0; i < result.rowCount; i++) {
        const fromRest = rest(flattenRestRecord(result.restRecord(i)), CONTEXT);
        const fromBulk = bulk(result.bulkRow(i), CONTEXT);
        expect(fromRest.ok ? null : fromRest.quarantine, mapping.object).to.equal(null);
        if (!isDeepStrictEqual(fromRest, fromBulk)) expect(fromBulk, `${mapping.object} row ${i}`).to.deep.equal(fromRest);
      }
    }
  });
});
