import { expect } from 'chai';
import type { StageAssignment, StageTransition } from '../../../src/domain/lifecycle.ts';
import { SextantError } from '../../../src/domain/sextant-error.ts';
import { stageDistribution, stuckAccounts, timeInStage } from '../../../src/lifecycle/stage-history.ts';

const ACCOUNT = '001000000000001AAA';
const move = (at: string, from: string | null, to: string | null, accountId = ACCOUNT): StageTransition => ({ accountId, from, to, at, rule: 'r' });

describe('timeInStage', () => {
  const history = [
    move('2026-01-01', null, 'Implementation'),
    move('2026-03-12', 'Implementation', 'Adoption'), // 70 days in Implementation
    move('2026-05-01', 'Adoption', 'At Risk'), // 50 days in Adoption
    move('2026-05-21', 'At Risk', 'Adoption'), // 20 days At Risk
    move('2026-08-01', 'Adoption', null), // 72 more days in Adoption
    move('2026-09-01', null, 'Renewal'), // 31 days outside, not counted
  ];

  const cases: { name: string; transitions: StageTransition[]; asOf: string; expected: ReturnType<typeof timeInStage> }[] = [
    {
      name: 'per stage total and visits, in order of first entry; current stage and its days',
      transitions: history,
      asOf: '2026-11-25',
      expected: {
        stages: [
          { stage: 'Implementation', totalDays: 70, visits: 1 },
          { stage: 'Adoption', totalDays: 122, visits: 2 },
          { stage: 'At Risk', totalDays: 20, visits: 1 },
          { stage: 'Renewal', totalDays: 85, visits: 1 },
        ],
        current: { stage: 'Renewal', since: '2026-09-01', days: 85 },
      },
    },
    {
      name: 'order of the input does not matter',
      transitions: [...history].reverse(),
      asOf: '2026-11-25',
      expected: timeInStage(history, '2026-11-25'),
    },
    {
      name: 'transitions after asOf are ignored (a backtest replays an earlier day)',
      transitions: history,
      asOf: '2026-05-10',
      expected: {
        stages: [{ stage: 'Implementation', totalDays: 70, visits: 1 }, { stage: 'Adoption', totalDays: 50, visits: 1 }, { stage: 'At Risk', totalDays: 9, visits: 1 }],
        current: { stage: 'At Risk', since: '2026-05-01', days: 9 },
      },
    },
    {
      name: 'currently outside the lifecycle',
      transitions: history.slice(0, 5),
      asOf: '2026-08-11',
      expected: {
        stages: [{ stage: 'Implementation', totalDays: 70, visits: 1 }, { stage: 'Adoption', totalDays: 122, visits: 2 }, { stage: 'At Risk', totalDays: 20, visits: 1 }],
        current: { stage: null, since: '2026-08-01', days: 10 },
      },
    },
    { name: 'no history', transitions: [], asOf: '2026-11-25', expected: { stages: [], current: null } },
    {
      name: 'entered today: 0 days',
      transitions: [move('2026-11-25', null, 'Renewal')],
      asOf: '2026-11-25',
      expected: { stages: [{ stage: 'Renewal', totalDays: 0, visits: 1 }], current: { stage: 'Renewal', since: '2026-11-25', days: 0 } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(timeInStage(c.transitions, c.asOf)).to.deep.equal(c.expected));
  }

  it("takes one account's transitions: STAGE_HISTORY_MIXED otherwise", () => {
    expect(() => timeInStage([move('2026-01-01', null, 'Adoption'), move('2026-01-02', null, 'Adoption', 'other')], '2026-11-25'))
      .to.throw(SextantError).with.property('code', 'STAGE_HISTORY_MIXED');
  });
});

const assignment = (accountId: string, stage: string | null, daysInStage: number, stuck: StageAssignment['stuck'] = null): StageAssignment => ({
  accountId, asOf: '2026-11-25', stage, rule: 'r', enteredAt: '2026-11-25', daysInStage, transition: null, stuck,
});
const STUCK = (overByDays: number): StageAssignment['stuck'] => ({ expectedDays: 60, overByDays, action: 'compliance-cta' });

const BOOK = [
  assignment('a', 'Implementation', 61, STUCK(1)),
  assignment('b', 'Implementation', 90, STUCK(30)),
  assignment('c', 'Implementation', 10),
  assignment('d', 'Renewal', 5),
  assignment('e', 'Renewal', 8),
  assignment('f', null, 0),
  assignment('g', 'Onboarding', 400),
  assignment('h', 'Implementation', 90, STUCK(30)),
];

describe('stageDistribution', () => {
  it('counts accounts per stage in the rules order, empty stages as 0, unknown stages after, outside the lifecycle apart', () => {
    expect(stageDistribution(BOOK, ['At Risk', 'Renewal', 'Implementation'])).to.deep.equal({
      accounts: 8,
      outsideLifecycle: 1,
      stages: [
        { stage: 'At Risk', accounts: 0, stuck: 0, medianDaysInStage: null },
        { stage: 'Renewal', accounts: 2, stuck: 0, medianDaysInStage: 6.5 },
        { stage: 'Implementation', accounts: 4, stuck: 3, medianDaysInStage: 75.5 },
        { stage: 'Onboarding', accounts: 1, stuck: 0, medianDaysInStage: 400 },
      ],
    });
  });

  it('without an order, stages by name', () => {
    expect(stageDistribution(BOOK).stages.map((s) => s.stage)).to.deep.equal(['Implementation', 'Onboarding', 'Renewal']);
  });

  it('an odd count has the middle value as median', () => {
    expect(stageDistribution(BOOK.slice(0, 3)).stages[0]?.medianDaysInStage).to.equal(61);
  });
});

describe('stuckAccounts', () => {
  it('lists only stuck accounts, longest overdue first, then by account id', () => {
    expect(stuckAccounts(BOOK)).to.deep.equal([
      { accountId: 'b', stage: 'Implementation', enteredAt: '2026-11-25', daysInStage: 90, expectedDays: 60, overByDays: 30, action: 'compliance-cta' },
      { accountId: 'h', stage: 'Implementation', enteredAt: '2026-11-25', daysInStage: 90, expectedDays: 60, overByDays: 30, action: 'compliance-cta' },
      { accountId: 'a', stage: 'Implementation', enteredAt: '2026-11-25', daysInStage: 61, expectedDays: 60, overByDays: 1, action: 'compliance-cta' },
    ]);
  });

  it('none stuck: empty', () => expect(stuckAccounts(BOOK.filter((a) => a.stuck === null))).to.deep.equal([]));
});
