import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestCore, repoRoot } from '../../../support/core-fixture.ts';

export const sampleCard = readFileSync(join(repoRoot, 'test', 'fixtures', 'chai-model-card.xml'), 'utf8');

/** A hospital workspace with one procurement assessment (which pins the vendor questionnaire). */
export async function modelCardSetup() {
  const core = makeTestCore();
  const system = await core.call('systems.create', {
    name: 'Lumen Chest X-ray Triage',
    vendor: 'Northwind Imaging AI',
    intendedUse: 'Prioritises urgent chest X-rays',
    dataCategories: ['phi', 'imaging'],
  });
  const assessment = await core.call('assessments.start', { systemId: system.id, stage: 'procurement' });
  return { core, systemId: system.id, assessmentId: assessment.id };
}

/**
 * The sample card as bytes a vendor on another system might publish: a UTF-8 byte-order mark,
 * CRLF line ends and non-ASCII text (a comment, so the mapped answers stay the same) — each
 * something a careless decoder would change, and with it the file's SHA-256.
 */
export const awkwardCardBytes = Buffer.concat([
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from(
    sampleCard.replace('?>\n', '?>\n<!-- Geprüft für Krankenhäuser · 患者の安全 · 🩺 -->\n').replace(/\n/g, '\r\n'),
    'utf8',
  ),
]);
