import { pino, type Logger } from 'pino';

/**
 * pino JSON logs on stderr (stdout is kept for `--json` output). Tokens, passwords, session ids
 * and keys are redacted wherever they appear in a logged object, including nested request headers.
 */
export const REDACTED_PATHS = [
  'password', '*.password', 'accessToken', '*.accessToken', 'access_token', '*.access_token',
  'refreshToken', '*.refreshToken', 'refresh_token', '*.refresh_token', 'clientSecret', '*.clientSecret',
  'client_secret', '*.client_secret', 'privateKey', '*.privateKey', 'sessionId', '*.sessionId',
  'authorization', '*.authorization', 'headers.Authorization', '*.headers.authorization', 'assertion', '*.assertion',
  'token', '*.token', 'passphrase', '*.passphrase', 'databaseUrl', '*.databaseUrl', 'privateKeyPem', '*.privateKeyPem',
];

export const createLogger = (level: string, destination: NodeJS.WritableStream = process.stderr): Logger =>
  pino({ level, base: { app: 'sextant' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination as pino.DestinationStream);

export type { Logger };
