import { join } from 'node:path';
import type { Role } from '../contract/index.ts';
import { startTeamDemo, type TeamDemo } from './start-team-demo.ts';

// Bundled to dist/electron/team-demo.mjs; started by `npm run team:demo` (scripts/team-demo.mjs).
const appRoot = join(import.meta.dirname, '..', '..');
const json = process.argv.includes('--json');
const out = (text: string) => process.stdout.write(text);

const roleWords: Record<Role, string> = { assessor: 'assessor', reviewer: 'reviewer', committeeChair: 'committee chair', riskOwner: 'risk owner' };

function describe(demo: TeamDemo): string {
  const width = Math.max(...demo.signIns.map((s) => s.login.length));
  const lines = demo.signIns.map((s) => {
    const what = s.administrator ? 'administrator: manages accounts, no governance role' : s.roles.map((r) => roleWords[r]).join(', ');
    return `  ${s.login.padEnd(width)}  ${s.password}  ${s.name} (${what})`;
  });
  return [
    'The Vigil team demo is running.',
    '',
    `  Address:      ${demo.url}/`,
    `  Certificate:  self-signed for localhost and 127.0.0.1, SHA-256 fingerprint`,
    `                ${demo.fingerprint}`,
    '  Your browser will warn that it does not know this certificate: check that it shows this',
    '  fingerprint, then go on. The certificate and every password are new at each start.',
    '',
    'Sign in as (login, password, who):',
    ...lines,
    '',
    `PostgreSQL data: ${demo.dataDir} (removed when the demo stops)`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const demo = await startTeamDemo({ appRoot, onProgress: (step) => json || out(`${step}\n`) });
  if (json) {
    out(`${JSON.stringify({ url: demo.url, fingerprint: demo.fingerprint, certificate: demo.certificate, signIns: demo.signIns, dataDir: demo.dataDir })}\n`);
  } else out(`\n${describe(demo)}`);
  // Stopped by scripts/team-demo.mjs (a message, or its end), or by a signal when run directly.
  await new Promise<void>((resolve) => {
    process.on('message', (message) => message === 'stop' && resolve());
    process.once('disconnect', () => resolve());
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
  });
  if (!json) out('Stopping the team server and PostgreSQL…\n');
  await demo.stop();
  if (!json) out('Stopped; the demo data is removed.\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`vigil team demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
