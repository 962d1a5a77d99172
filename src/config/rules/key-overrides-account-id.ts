import { recordId18 } from '../../reconcile/normalize-key.ts';

export const ACCOUNT_ID_MESSAGE = 'must be an Account id: 15 or 18 letters and digits starting with 001';

/** A Salesforce Account id in either form, as an override target (Account's key prefix is always 001). */
export const isAccountId = (value: string): boolean => recordId18(value) !== null && value.trim().startsWith('001');
