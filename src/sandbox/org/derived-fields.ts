import type { SObjectRecord } from './sobject-record.ts';

/**
 * Fields Salesforce computes on save (formula-like system fields). Clients cannot write them,
 * but connectors read them, and they change without the client sending them.
 */
type Derivation = (record: SObjectRecord, now: string, sequence: () => number) => void;

const fullName: Derivation = (r) => {
  r.Name = [r.FirstName, r.LastName].filter((v) => typeof v === 'string' && v !== '').join(' ') || null;
};

const OPPORTUNITY_STAGES: Record<string, { closed: boolean; won: boolean; probability: number; forecast: string }> = {
  Prospecting: { closed: false, won: false, probability: 10, forecast: 'Pipeline' },
  Qualification: { closed: false, won: false, probability: 10, forecast: 'Pipeline' },
  'Needs Analysis': { closed: false, won: false, probability: 20, forecast: 'Pipeline' },
  'Proposal/Price Quote': { closed: false, won: false, probability: 75, forecast: 'Pipeline' },
  'Negotiation/Review': { closed: false, won: false, probability: 90, forecast: 'Commit' },
  'Closed Won': { closed: true, won: true, probability: 100, forecast: 'Closed' },
  'Closed Lost': { closed: true, won: false, probability: 0, forecast: 'Omitted' },
};

const addMonths = (isoDate: string, months: number): string => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

const DERIVATIONS: Record<string, Derivation> = {
  User: fullName,
  Contact: fullName,
  Opportunity: (r) => {
    const stage = OPPORTUNITY_STAGES[String(r.StageName)];
    r.IsClosed = stage?.closed ?? false;
    r.IsWon = stage?.won ?? false;
    if (r.Probability === null || r.Probability === undefined) r.Probability = stage?.probability ?? null;
    r.ForecastCategoryName = stage?.forecast ?? r.ForecastCategoryName ?? 'Pipeline';
  },
  Task: (r, now) => {
    const closed = r.Status === 'Completed' || r.Status === 'Deferred';
    if (closed && !r.IsClosed) r.CompletedDateTime = now;
    if (!closed) r.CompletedDateTime = null;
    r.IsClosed = closed;
  },
  Case: (r, now, sequence) => {
    r.CaseNumber ??= String(sequence()).padStart(8, '0');
    const closed = r.Status === 'Closed';
    if (closed && !r.IsClosed) r.ClosedDate = now;
    r.IsClosed = closed;
  },
  Contract: (r, _now, sequence) => {
    r.ContractNumber ??= String(sequence()).padStart(8, '0');
    r.EndDate = typeof r.StartDate === 'string' && typeof r.ContractTerm === 'number' ? addMonths(r.StartDate, r.ContractTerm) : null;
  },
  Event: (r) => {
    r.ActivityDate = typeof r.StartDateTime === 'string' ? r.StartDateTime.slice(0, 10) : null;
  },
};

export const deriveFields = (objectName: string, record: SObjectRecord, now: string, sequence: () => number): void => {
  DERIVATIONS[objectName]?.(record, now, sequence);
};
