/** Each account's linked warehouse keys, grouped from the identity map's links. */
export const keysByAccount = (links: readonly { accountId: string; accountKey: string }[]): Map<string, string[]> =>
  new Map([...Map.groupBy(links, (l) => l.accountId)].map(([accountId, own]) => [accountId, own.map((l) => l.accountKey)]));
