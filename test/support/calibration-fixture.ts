import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './core-fixture.ts';

/** Small reference profiles for the fixture templates of template-fixture.ts (test/fixtures/calibration/). */
export const calibrationFixtures = ['fixture-cloud', 'fixture-mismatch', 'fixture-bad-answer'] as const;
export type CalibrationFixture = (typeof calibrationFixtures)[number];

/** Copies the named fixture profiles into `templatesDir`/calibration/. */
export function writeCalibration(templatesDir: string, names: readonly CalibrationFixture[]): string {
  mkdirSync(join(templatesDir, 'calibration'), { recursive: true });
  for (const name of names) copyFileSync(join(repoRoot, 'test', 'fixtures', 'calibration', `${name}.json`), join(templatesDir, 'calibration', `${name}.json`));
  return templatesDir;
}
