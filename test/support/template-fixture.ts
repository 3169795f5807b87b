import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Mitigation {
  threat: string;
  reduces: 'likelihood' | 'detectability' | 'severity';
  by: number;
}

/** A tiny but complete and valid templates folder, as plain JSON the tests can break. */
export function minimalTemplates() {
  const refs = { nistAiRmf: ['MEASURE 2.7'] };
  return {
    threats: {
      id: 'fixture-threats',
      version: '1.0.0',
      title: 'Fixture threats',
      threats: [
        { id: 'T-ONE', name: 'One', category: 'privacy', description: 'First threat.', clinicalConsequence: 'Harm one.', baseLikelihood: 2, baseImpact: 3, seeds: ['000'], refs: { atlas: ['AML.T0024.000'] } },
        { id: 'T-TWO', name: 'Two', category: 'integrity', description: 'Second threat.', clinicalConsequence: 'Harm two.', baseLikelihood: 3, baseImpact: 4, seeds: [], refs },
      ],
    },
    controls: {
      id: 'fixture-controls',
      version: '1.0.0',
      title: 'Fixture controls',
      controls: [
        { id: 'C-ALPHA', name: 'Alpha', category: 'technical', description: 'Alpha control.', mitigates: [{ threat: 'T-ONE', reduces: 'likelihood', by: 1 }] as Mitigation[], refs: { atlas: ['AML.M0012'] } },
        { id: 'C-BETA', name: 'Beta', category: 'clinical', description: 'Beta control.', mitigates: [{ threat: 'T-TWO', reduces: 'severity', by: 2 }] as Mitigation[], refs },
      ],
    },
    profileEffects: {
      id: 'fixture-profile',
      version: '1.0.0',
      rules: [{ id: 'PE-CLOUD', field: 'deploymentType', in: ['vendorCloud'], why: 'Data leaves the hospital.', effects: [{ threat: 'T-ONE', likelihood: 1 }] }],
    },
    references: {
      id: 'fixture-refs',
      version: '1.0.0',
      items: [
        { id: 'HTI1-SA-01', framework: 'hti1', group: 'Details', title: 'Developer' },
        { id: 'MDS2-AUTH', framework: 'mds2', title: 'Authorisation' },
      ],
    },
    matrix: {
      id: 'default',
      version: '1.0.0',
      title: 'Fixture matrix',
      likelihood: [1, 2, 3, 4, 5].map((level) => ({ level, label: `L${level}`, description: `likelihood ${level}` })),
      impact: [1, 2, 3, 4, 5].map((level) => ({ level, label: `I${level}`, description: `impact ${level}` })),
      bands: [
        { id: 'low', label: 'Low', color: '#2f9e44', reassessMonths: 24, description: 'fine' },
        { id: 'high', label: 'High', color: '#c92a2a', reassessMonths: 3, description: 'not fine' },
      ],
      cells: [1, 2, 3, 4, 5].map((l) => [1, 2, 3, 4, 5].map((i) => (l * i >= 10 ? 'high' : 'low'))),
      appetite: 'low',
    },
    questionnaires: {
      procurement: {
        id: 'procurement',
        version: '1.0.0',
        stage: 'procurement',
        kind: 'lifecycle',
        title: 'Fixture procurement',
        description: 'For tests.',
        sections: [
          {
            id: 'PR-GOV',
            title: 'Governance',
            questions: [
              {
                id: 'PR-GOV-01',
                text: 'Is data encrypted?',
                guidance: 'Encryption limits a breach.',
                vendorText: 'Do you encrypt the data?',
                vendorGuidance: 'The hospital asks because encryption limits a breach.',
                kind: 'yesNo',
                required: true,
                vendorAnswerable: true,
                options: [
                  { value: 'yes', label: 'Yes', effects: [{ control: 'C-ALPHA' }] },
                  { value: 'no', label: 'No', effects: [{ threat: 'T-ONE', likelihood: 1 }] },
                ],
                refs: { hti1: ['HTI1-SA-01'], mds2: ['MDS2-AUTH'] },
              },
              {
                id: 'PR-GOV-02',
                text: 'Are clinicians trained?',
                guidance: 'Trained users spot errors.',
                kind: 'choice',
                required: false,
                vendorAnswerable: false,
                showIf: { question: 'PR-GOV-01', in: ['yes'] },
                options: [
                  { value: 'all', label: 'All', effects: [{ control: 'C-BETA' }] },
                  { value: 'none', label: 'None', effects: [{ threat: 'T-TWO', impact: 1 }] },
                ],
                refs,
              },
            ],
          },
        ],
      },
    } as Record<string, Record<string, unknown>>,
  };
}

export type TemplateFixture = ReturnType<typeof minimalTemplates>;

export function writeTemplates(dir: string, t: TemplateFixture): string {
  mkdirSync(join(dir, 'catalog'), { recursive: true });
  mkdirSync(join(dir, 'matrices'), { recursive: true });
  mkdirSync(join(dir, 'questionnaires'), { recursive: true });
  const write = (file: string, data: unknown) => writeFileSync(join(dir, file), JSON.stringify(data, null, 2));
  write('catalog/threats.json', t.threats);
  write('catalog/controls.json', t.controls);
  write('catalog/profile-effects.json', t.profileEffects);
  write('catalog/references.json', t.references);
  write('matrices/default.json', t.matrix);
  for (const [name, q] of Object.entries(t.questionnaires)) write(`questionnaires/${name}.json`, q);
  return dir;
}
