import { z } from 'zod';
import type { ReconcileRules as ReconcileRulesShape } from '../../reconcile/reconcile-rules.ts';
import { parseYamlFile } from './parse-yaml-file.ts';

/**
 * rules/reconcile.yaml: how Sextant matches warehouse keys to Salesforce accounts. Every key
 * has a default (DOMAIN.md "Key reconciliation"), so an empty file is valid; the shipped file
 * spells the defaults out for the admin who edits them.
 */
const DomainName = z.string().trim().toLowerCase()
  .regex(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/, 'expected a bare domain like gmail.com (no scheme, no @)');
const Word = z.string().trim().min(1);

export const DEFAULT_FREE_MAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'ymail.com', 'rocketmail.com',
  'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'live.com', 'msn.com', 'icloud.com', 'me.com', 'mac.com',
  'aol.com', 'proton.me', 'protonmail.com', 'pm.me', 'zoho.com', 'zohomail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de',
  'mail.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'qq.com', '163.com', '126.com', 'naver.com', 'fastmail.com',
  'tutanota.com', 'hey.com', 'orange.fr', 'free.fr', 'laposte.net', 'libero.it', 't-online.de', 'comcast.net',
  'att.net', 'verizon.net', 'btinternet.com',
];

export const DEFAULT_LEGAL_SUFFIXES: readonly string[] = [
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'llc', 'llp', 'lp', 'ltd', 'limited', 'plc',
  'gmbh', 'ag', 'kg', 'ug', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'ab', 'oy', 'oyj', 'as', 'asa', 'aps',
  'pty', 'pte', 'kk', 'sl', 'sro', 'zoo',
];

const DomainMatch = z.strictObject({
  confidence: z.number().gt(0).max(1).default(0.8),
  freeMailDomains: z.array(DomainName).default([...DEFAULT_FREE_MAIL_DOMAINS]),
});

const NameProposals = z.strictObject({
  threshold: z.number().gt(0).max(1).default(0.8),
  legalSuffixes: z.array(Word.toLowerCase()).default([...DEFAULT_LEGAL_SUFFIXES]),
  maxAccountsPerToken: z.number().int().positive().max(10_000).default(50),
  alternatives: z.number().int().nonnegative().max(10).default(2),
});

const Customers = z.strictObject({
  statuses: z.array(Word).default(['Active', 'Onboarding']),
  withArr: z.boolean().default(true),
  exceptStatuses: z.array(Word).default(['Churned']),
});

const Report = z.strictObject({
  minUnmatchedEvents: z.number().int().nonnegative().default(1),
});

export const ReconcileRulesSchema = z.strictObject({
  domainMatch: DomainMatch.prefault({}),
  nameProposals: NameProposals.prefault({}),
  customers: Customers.prefault({}),
  report: Report.prefault({}),
});

// The pure core declares the shape it needs (it imports nothing from config); returning the
// parsed value as that shape fails to compile if the schema and the type drift apart.
export type ReconcileRules = ReconcileRulesShape;

export const DEFAULT_RECONCILE_RULES: ReconcileRules = ReconcileRulesSchema.parse({});

/** Parses rules/reconcile.yaml; RULES_INVALID lists every problem with file:line:col. */
export const parseReconcileRules = (text: string, file: string): ReconcileRules =>
  parseYamlFile(text, file, ReconcileRulesSchema, 'RULES_INVALID');
