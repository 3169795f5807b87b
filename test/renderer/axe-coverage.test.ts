// Every screen of the route table is scanned by axe in some e2e file (issue 19). A new page in
// page-chunks.ts, or a new route in use-hash-route.ts, fails here until routing/screen.ts names
// its screen and test/support/axe-coverage.ts names the e2e file that scans it; that file, run
// whole, fails unless it did (test/support/axe.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageChunks } from '../../renderer/src/routing/page-chunks.ts';
import { screenChunks, screenOf, type Screen } from '../../renderer/src/routing/screen.ts';
import { parseRoute } from '../../renderer/src/routing/use-hash-route.ts';
import { axeCoverage } from '../support/axe-coverage.ts';
import { repoRoot } from '../support/core-fixture.ts';

/** One address of each kind the route table parses (use-hash-route.ts), and the screen it shows. */
const addresses: ReadonlyArray<readonly [string, Screen]> = [
  ['#/', 'dashboard'],
  ['#/systems', 'systems'],
  ['#/systems/new', 'systemNew'],
  ['#/systems/SYS-AB12CD34', 'system'],
  ['#/systems/SYS-AB12CD34/edit', 'systemEdit'],
  ['#/templates', 'templates'],
  ['#/assessments', 'assessments'],
  ['#/assessments/ASM-AB12CD34', 'assessment'],
  ['#/reviews', 'reviews'],
  ['#/reviews/log', 'reviewsLog'],
  ['#/reports', 'reports'],
  ['#/compare?ids=ASM-AB12,ASM-CD34', 'compare'],
  ['#/committee', 'committee'],
  ['#/risks', 'risks'],
  ['#/risks/RSK-AB12CD34', 'risks'],
  ['#/audit', 'audit'],
  ['#/settings', 'settings'],
  ['#/settings/integrity', 'settingsIntegrity'],
  ['#/vendor', 'vendorModeSetup'],
  ['#/vendors', 'vendors'],
  ['#/vendors/VEN-AB12CD34', 'vendor'],
  ['#/admin', 'admin'],
  ['#/glossary?term=band', 'glossary'],
  ['#/nowhere', 'notFound'],
];

describe('axe covers every screen of the route table', () => {
  it('names a screen for every page chunk, and every route kind parses to its screen', () => {
    const chunksShown = new Set(Object.values(screenChunks).filter((chunk) => chunk !== null));
    expect(Object.keys(pageChunks).filter((chunk) => !chunksShown.has(chunk as keyof typeof pageChunks))).toEqual([]);
    for (const [hash, screen] of addresses) expect(screenOf(parseRoute(hash), 'hospital'), hash).toBe(screen);
    expect(screenOf(parseRoute('#/settings'), 'vendor')).toBe('vendorSettings');
    expect(screenOf(parseRoute('#/vendor/VIN-AB12CD34'), 'vendor')).toBe('vendorWorkspace');
    // Every route kind of the table is among the addresses (a new kind fails until added above).
    const kinds = new Set(addresses.map(([hash]) => parseRoute(hash).page));
    const source = readFileSync(join(repoRoot, 'renderer', 'src', 'routing', 'use-hash-route.ts'), 'utf8');
    const declared = [...(/export type Route =([^]+?);\n/.exec(source)?.[1] ?? '').matchAll(/page: '(\w+)'/g)].map((m) => m[1]);
    expect(declared.length).toBeGreaterThan(15);
    expect(declared.filter((page) => !kinds.has(page as never))).toEqual([]);
  });

  it('gives every screen an e2e file that runs axe, and only screens that exist', () => {
    const screens = Object.keys(screenChunks).sort();
    expect(Object.keys(axeCoverage).sort()).toEqual(screens);
    for (const [screen, file] of Object.entries(axeCoverage)) {
      const path = join(repoRoot, 'test', 'e2e', file);
      expect(existsSync(path), `${screen}: ${file}`).toBe(true);
      expect(readFileSync(path, 'utf8'), `${screen}: ${file}`).toContain("from '../support/axe.ts'");
    }
  });
});
