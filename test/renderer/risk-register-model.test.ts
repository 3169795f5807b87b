// The register's filters as the page shows them: chips for what a link brings without a control
// of its own, what "filtered" means, and the words for a bulk owner assignment.
import { describe, expect, it } from 'vitest';
import { RiskPageInput } from '../../electron/contract/index.ts';
import { changedInput } from '../../renderer/src/components/list/list-state.ts';
import { assignedText, chipsOf, clearFilters, isFiltered } from '../../renderer/src/pages/risks/risk-register-model.ts';

const base = RiskPageInput.parse({});

describe('register filters', () => {
  it('shows a heat-map cell, an acceptance window and an assessment as chips, each removing only itself', () => {
    const input = RiskPageInput.parse({ residualLikelihood: 4, residualImpact: 5, acceptanceExpiresWithinDays: 30, assessmentId: 'ASM-ABCD1234', band: 'high' });
    const chips = chipsOf(input);
    expect(chips.map((c) => c.label)).toEqual(['Heat-map cell: likelihood 4 × impact 5', 'Acceptance expires within 30 days', 'Assessment ASM-ABCD1234']);
    const [cell] = chips;
    const without = changedInput(input, cell?.clear ?? {});
    expect(without).not.toHaveProperty('residualLikelihood');
    expect(without).not.toHaveProperty('residualImpact');
    expect(without).toMatchObject({ acceptanceExpiresWithinDays: 30, band: 'high' });
  });

  it('names half a cell by what it keeps, and one day in the singular', () => {
    expect(chipsOf(RiskPageInput.parse({ residualImpact: 2 })).map((c) => c.label)).toEqual(['Residual impact 2']);
    expect(chipsOf(RiskPageInput.parse({ acceptanceExpiresWithinDays: 1 })).map((c) => c.label)).toEqual(['Acceptance expires within 1 day']);
    expect(chipsOf(RiskPageInput.parse({ band: 'high', owner: 'A', overdue: true }))).toEqual([]);
  });

  it('is filtered by any filter or a search, not by a sort or page; clearing keeps the sort', () => {
    expect(isFiltered(base)).toBe(false);
    expect(isFiltered({ ...base, sort: 'owner', offset: 100 })).toBe(false);
    expect(isFiltered({ ...base, search: 'sepsis' })).toBe(true);
    expect(isFiltered({ ...base, openOnly: true })).toBe(true);
    const cleared = changedInput({ ...base, band: 'high', search: 'x', sort: 'owner', offset: 50 }, clearFilters());
    expect(isFiltered(cleared)).toBe(false);
    expect(cleared).toMatchObject({ sort: 'owner', offset: 0 });
  });
});

describe('bulk owner assignment in words', () => {
  it('says how many changed owner and how many already had them', () => {
    expect(assignedText({ owner: 'James Chen', changed: ['RSK-AAAA', 'RSK-BBBB'], unchanged: [] })).toBe('2 risks now owned by James Chen.');
    expect(assignedText({ owner: 'James Chen', changed: ['RSK-AAAA'], unchanged: ['RSK-BBBB'] })).toBe('1 risk now owned by James Chen. 1 risk already was owned by James Chen.');
    expect(assignedText({ owner: 'Ann', changed: [], unchanged: ['RSK-A', 'RSK-B'] })).toBe('No risk changed owner. 2 risks already were owned by Ann.');
  });
});
