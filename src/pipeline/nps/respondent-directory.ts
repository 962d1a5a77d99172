import type { CrmContact } from '../../domain/crm-records.ts';

/**
 * The contacts a survey file can name, indexed the two ways survey tools identify people: by
 * Salesforce contact id and by email. Built from the store's contacts (deleted ones included:
 * a response given before the contact was deleted or merged away still happened).
 */
export type DirectoryContact = { id: string; accountId: string | null; isDeleted: boolean };

export type RespondentDirectory = {
  readonly byId: ReadonlyMap<string, DirectoryContact>;
  /** Keyed by `normalizeEmail`; one email can be on several contacts. */
  readonly byEmail: ReadonlyMap<string, readonly DirectoryContact[]>;
};

/** Email addresses compare trimmed and case-insensitively (the mapping lower-cases them too). */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/**
 * Indexes contacts. With `wanted`, keeps only those whose id or email the file mentions, so
 * memory follows the survey file's size rather than the org's contact count.
 */
export const buildRespondentDirectory = async (
  contacts: AsyncIterable<Pick<CrmContact, 'id' | 'accountId' | 'email' | 'isDeleted'>> | Iterable<Pick<CrmContact, 'id' | 'accountId' | 'email' | 'isDeleted'>>,
  wanted?: { ids: ReadonlySet<string>; emails: ReadonlySet<string> },
): Promise<RespondentDirectory> => {
  const byId = new Map<string, DirectoryContact>();
  const byEmail = new Map<string, DirectoryContact[]>();
  for await (const c of contacts) {
    const email = c.email === null ? null : normalizeEmail(c.email);
    const idWanted = wanted === undefined || wanted.ids.has(c.id);
    const emailWanted = email !== null && email !== '' && (wanted === undefined || wanted.emails.has(email));
    if (!idWanted && !emailWanted) continue;
    const entry: DirectoryContact = { id: c.id, accountId: c.accountId, isDeleted: c.isDeleted };
    if (idWanted) byId.set(c.id, entry);
    if (emailWanted) {
      const list = byEmail.get(email);
      if (list) list.push(entry);
      else byEmail.set(email, [entry]);
    }
  }
  return { byId, byEmail };
};
