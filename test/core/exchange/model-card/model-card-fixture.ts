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
