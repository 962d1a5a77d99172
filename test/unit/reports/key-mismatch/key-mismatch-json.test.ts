import { expect } from 'chai';
import { renderKeyMismatchJson } from '../../../../src/reports/key-mismatch/key-mismatch-json.ts';
import { sampleReport } from './report-fixture.ts';

describe('key-mismatch JSON', () => {
  it('is the report model, unchanged', () => {
    const report = sampleReport();
    expect(JSON.parse(renderKeyMismatchJson(report))).to.deep.equal(report);
  });

  it('orders keys alphabetically at every level, so runs diff line by line', () => {
    const json = renderKeyMismatchJson(sampleReport());
    const keysOf = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(keysOf);
      else if (value !== null && typeof value === 'object') {
        const keys = Object.keys(value);
        expect(keys).to.deep.equal([...keys].sort());
        Object.values(value).forEach(keysOf);
      }
    };
    keysOf(JSON.parse(json));
    expect(json.endsWith('}\n')).to.equal(true);
  });

  it('renders the same model to the same bytes', () => {
    expect(renderKeyMismatchJson(sampleReport())).to.equal(renderKeyMismatchJson(sampleReport()));
  });
});
