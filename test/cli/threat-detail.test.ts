import { describe, expect, it } from 'vitest';
import type { AssessmentDetail, ThreatDetail } from '../../electron/contract/index.ts';
import { useTempDatabase, vigil } from '../support/run-cli.ts';

let db = '';
useTempDatabase((paths) => ({ db } = paths));

const json = <T>(args: string[]): T => {
  const run = vigil([...args, '--db', db, '--json']);
  if (run.code !== 0) throw new Error(`vigil ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
};

describe('vigil assessments threat', () => {
  it('shows one threat for the system: what it is, why, gaps, and the safeguards that would lower it', () => {
    const system = json<{ id: string }>([
      'systems', 'add', '--name', 'Ambient scribe', '--vendor', 'Mediconverse', '--deployment', 'vendorCloud', '--data', 'phi,freeText',
      '--domain', 'primaryCare', '--model-type', 'generative', '--worst-harm', 'serious',
    ]);
    const assessment = json<AssessmentDetail>(['assessments', 'start', '--system', system.id, '--stage', 'procurement']);

    const detail = json<ThreatDetail>(['assessments', 'threat', assessment.id, 'T-DRIFT']);
    expect(detail).toMatchObject({ assessmentId: assessment.id, systemName: 'Ambient scribe', threat: { id: 'T-DRIFT' } });
    expect(detail.suggestions.length).toBeGreaterThan(0);

    const run = vigil(['assessments', 'threat', assessment.id, 'T-DRIFT', '--db', db]);
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out).toContain('T-DRIFT Performance drift as patients, practice or equipment change');
    expect(out).toContain(`Ambient scribe (${system.id})`);
    expect(out).toContain(detail.description);
    expect(out).toContain(detail.clinicalConsequence);
    expect(out).not.toMatch(/sepsis/i);
    expect(out).toContain(`  - ${detail.why[0]}`);
    expect(out).toContain(`  ${detail.gaps[0]?.questionId}  ${detail.gaps[0]?.text}`);
    const [first] = detail.suggestions;
    const r = detail.threat.residual;
    const ids = first?.creditedBy.map((q) => q.questionId) ?? [];
    const answer = ids.length === 0 ? '' : ` (answer ${ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(', ')} or ${ids.at(-1)}`})`;
    expect(out).toContain(
      `Put ${first?.name} in place${answer}: residual ${r.likelihood}×${r.impact} → ${first?.residualAfter.likelihood}×${first?.residualAfter.impact}, score −${first?.lowersScoreBy}`,
    );
  });

  it('refuses an unknown threat in words, with the not-found exit code', () => {
    const system = json<{ id: string }>(['systems', 'add', '--name', 'Sepsis score', '--vendor', 'Northwind', '--deployment', 'onPremises', '--data', 'phi']);
    const assessment = json<AssessmentDetail>(['assessments', 'start', '--system', system.id, '--stage', 'procurement']);
    const run = vigil(['assessments', 'threat', assessment.id, 'T-NO-SUCH', '--db', db]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${assessment.id} has no threat T-NO-SUCH`);
    const usage = vigil(['assessments', 'threat', assessment.id, '--db', db]);
    expect(usage.code).toBe(2);
  });
});
