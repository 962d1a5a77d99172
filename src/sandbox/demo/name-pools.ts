import { Faker, en } from '@faker-js/faker';

/**
 * Pools of names drawn once from a seeded faker, then indexed by the fast PRNG in hot loops:
 * a faker call costs ~10 µs, and a 100k-account org needs millions of names.
 */
export interface NamePools {
  readonly firstNames: readonly string[];
  readonly lastNames: readonly string[];
  /** Distinctive single words companies are named after ("Northwind", "Crist"). */
  readonly companyStems: readonly string[];
  readonly cities: readonly { city: string; state: string; postalCode: string }[];
  readonly streets: readonly string[];
}

const uniqueDraws = (count: number, draw: () => string, accept: (s: string) => boolean = () => true): string[] => {
  const seen = new Set<string>();
  // Bounded: faker's lists are finite, so stop trying once draws keep repeating.
  for (let tries = 0; seen.size < count && tries < count * 20; tries++) {
    const s = draw();
    if (accept(s)) seen.add(s);
  }
  return [...seen];
};

const STEM_HEADS = ['North', 'Blue', 'Bright', 'Iron', 'Silver', 'Cedar', 'Summit', 'Harbor', 'Granite', 'Red', 'Clear', 'Stone', 'Swift', 'Oak', 'Pine', 'River', 'Sun', 'Star', 'Cloud', 'Maple'];
const STEM_TAILS = ['wind', 'peak', 'field', 'point', 'bridge', 'works', 'line', 'gate', 'light', 'wave', 'path', 'crest', 'forge', 'ridge', 'leaf', 'shore'];

const simpleWord = (s: string): boolean => /^[A-Za-z]{3,}$/.test(s);

export const buildNamePools = (seed: number): NamePools => {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  const firstNames = uniqueDraws(400, () => faker.person.firstName(), simpleWord);
  const lastNames = uniqueDraws(600, () => faker.person.lastName(), simpleWord);
  const madeUp = STEM_HEADS.flatMap((head) => STEM_TAILS.map((tail) => head + tail));
  const companyStems = faker.helpers.shuffle([...madeUp, ...lastNames.slice(0, 300)]);
  const cities = Array.from({ length: 150 }, () => ({
    city: faker.location.city(),
    state: faker.location.state({ abbreviated: true }),
    postalCode: faker.location.zipCode('#####'),
  }));
  const streets = Array.from({ length: 300 }, () => faker.location.streetAddress());
  return { firstNames, lastNames, companyStems, cities, streets };
};
