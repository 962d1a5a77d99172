/**
 * Runs one bench/usage phase in a Node process of its own, so each phase's peak RSS is its own
 * and each gets the heap flags of the command it stands for. The phase prints its result as the
 * last line on stdout; its stderr passes through.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const runPhase = <R>(script: string, args: unknown, nodeFlags: readonly string[] = []): Promise<R> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, path.join(here, script), JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => { stdout += text; });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`${script} exited with ${signal ?? code}`));
        return;
      }
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as R);
      } catch {
        reject(new Error(`${script} printed no JSON result: ${JSON.stringify(last.slice(0, 200))}`));
      }
    });
  });
