// The shared threat explanation's words: framework names and how much a safeguard would lower a risk.
import { describe, expect, it } from 'vitest';
import { frameworkName, suggestionText } from '../../renderer/src/components/threat-explanation-model.ts';

describe('threat explanation words', () => {
  it('names a framework from its key, and keeps a name the core already gave', () => {
    expect(frameworkName('atlas')).toBe('MITRE ATLAS');
    expect(frameworkName('nistAiRmf')).toBe('NIST AI RMF');
    expect(frameworkName('MITRE ATLAS')).toBe('MITRE ATLAS');
    expect(frameworkName('toString')).toBe('toString');
  });

  it('says the residual with the safeguard in place and by how much it falls', () => {
    expect(suggestionText({ residualAfter: { likelihood: 2, impact: 4, score: 8, band: 'medium' }, lowersScoreBy: 8 })).toBe(
      'likelihood 2 × impact 4 = 8, 8 points lower',
    );
    expect(suggestionText({ residualAfter: { likelihood: 1, impact: 1, score: 1, band: 'low' }, lowersScoreBy: 1 })).toBe('likelihood 1 × impact 1 = 1, 1 point lower');
  });
});
