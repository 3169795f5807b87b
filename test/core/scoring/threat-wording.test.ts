import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ThreatCatalog, clinicalDomains, modelTypes, type Threat } from '../../../electron/contract/index.ts';
import { threatWordingFor } from '../../../electron/core/scoring/threat-wording.ts';

const catalog = ThreatCatalog.parse(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'templates', 'catalog', 'threats.json'), 'utf8')));
const shipped = (id: string): Threat => {
  const threat = catalog.threats.find((t) => t.id === id);
  if (!threat) throw new Error(`no threat ${id} in the shipped catalog`);
  return threat;
};

const base: Threat = {
  ...shipped('T-DRIFT'),
  description: 'Generic description.',
  clinicalConsequence: 'Generic consequence.',
  descriptionByModelType: { generative: 'Generative description.' },
  consequenceByModelType: { generative: 'Generative consequence.' },
  consequenceByDomain: { radiology: 'Radiology consequence.' },
};

describe('threatWordingFor', () => {
  it('uses the generic text when nothing about the system is recorded', () => {
    expect(threatWordingFor(base, { clinicalDomain: null, modelType: null })).toEqual({ description: 'Generic description.', clinicalConsequence: 'Generic consequence.' });
  });

  it('uses the generic text when the catalog has no variant for the system', () => {
    expect(threatWordingFor(base, { clinicalDomain: 'cardiology', modelType: 'predictive' })).toEqual({ description: 'Generic description.', clinicalConsequence: 'Generic consequence.' });
  });

  it('describes the threat for the model type and falls back to the model type for the consequence', () => {
    expect(threatWordingFor(base, { clinicalDomain: 'cardiology', modelType: 'generative' })).toEqual({ description: 'Generative description.', clinicalConsequence: 'Generative consequence.' });
  });

  it('prefers the clinical domain over the model type for the consequence', () => {
    expect(threatWordingFor(base, { clinicalDomain: 'radiology', modelType: 'generative' })).toEqual({ description: 'Generative description.', clinicalConsequence: 'Radiology consequence.' });
  });

  it('works on a threat without any variants', () => {
    const plain: Threat = { ...shipped('T-GOVERNANCE-GAP') };
    expect(threatWordingFor(plain, { clinicalDomain: 'radiology', modelType: 'generative' })).toEqual({ description: plain.description, clinicalConsequence: plain.clinicalConsequence });
  });
});

describe('the shipped threat wording', () => {
  it('tells an ambient scribe about its notes, not about sepsis or radiologists', () => {
    const scribe = { clinicalDomain: 'primaryCare', modelType: 'generative' } as const;
    for (const threat of catalog.threats) {
      const { description, clinicalConsequence } = threatWordingFor(threat, scribe);
      expect(`${description} ${clinicalConsequence}`, threat.id).not.toMatch(/sepsis|radiologist|malignant lesion|insulin dose/i);
    }
    expect(threatWordingFor(shipped('T-DRIFT'), scribe).clinicalConsequence).toMatch(/drafted notes/);
  });

  it('keeps the sepsis example for an emergency early-warning score, and only there', () => {
    const sepsis = { clinicalDomain: 'emergency', modelType: 'predictive' } as const;
    expect(threatWordingFor(shipped('T-DRIFT'), sepsis).clinicalConsequence).toMatch(/delayed sepsis treatment/);
    expect(threatWordingFor(shipped('T-DRIFT'), { clinicalDomain: 'radiology', modelType: 'predictive' }).clinicalConsequence).toMatch(/scanner/);
  });

  it('keeps every generic text free of one clinical setting', () => {
    // A generic text is shown to every system without a variant, so it must not name a single specialty's case.
    for (const threat of catalog.threats) {
      expect(`${threat.description} ${threat.clinicalConsequence}`, threat.id).not.toMatch(/sepsis|radiologist|delayed sepsis/i);
    }
  });

  it('keys every variant by a known model type or clinical domain', () => {
    for (const threat of catalog.threats) {
      for (const key of [...Object.keys(threat.descriptionByModelType ?? {}), ...Object.keys(threat.consequenceByModelType ?? {})]) expect(modelTypes).toContain(key);
      for (const key of Object.keys(threat.consequenceByDomain ?? {})) expect(clinicalDomains).toContain(key);
    }
  });
});
