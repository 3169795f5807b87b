import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { AiSystem } from '../../electron/contract/index.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';

let dir = '';
useTempDatabase((paths) => ({ dir } = paths));

it('vigil demo fills a new database once, and refuses a second time with exit 1', () => {
  const db = join(dir, 'demo.db');
  const first = vigil(['demo', '--db', db]);
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/Loaded the demo portfolio into .*demo\.db: \d+ AI systems \(1 archived\)/);
  const systems = (JSON.parse(vigil(['systems', 'list', '--all', '--db', db, '--json']).stdout) as { rows: AiSystem[] }).rows;
  expect(systems.length).toBeGreaterThanOrEqual(6);
  expect(systems.map((s) => s.name)).toContain('Closed-loop insulin dosing');

  const again = vigil(['demo', '--db', db]);
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/only into an empty database/);
  expect(JSON.parse(vigil(['systems', 'list', '--all', '--db', db, '--json']).stdout)).toMatchObject({ total: systems.length });
});
