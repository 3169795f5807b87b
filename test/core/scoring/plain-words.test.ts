import { describe, expect, it } from 'vitest';
import { describeChange, levelsWords, rankWords } from '../../../electron/core/scoring/plain-words.ts';

describe('plain words of score traces', () => {
  it('says amounts of levels exactly, in words', () => {
    expect([1, 2, 0.5, -0.5, 0.25, 0.75, 0.125, 1.5, 2.25, 0.0625, 0.375, 1.0625, 0.001953125].map(levelsWords)).toEqual([
      '1 level',
      '2 levels',
      'half a level',
      'half a level',
      'a quarter of a level',
      'three quarters of a level',
      'an eighth of a level',
      '1½ levels',
      '2¼ levels',
      '1/16 of a level',
      '3/8 of a level',
      '1 and 1/16 levels',
      '1/512 of a level',
    ]);
  });

  it('describes a change without scoring vocabulary', () => {
    expect(describeChange(2, -0.5)).toBe('makes it more likely by 2 levels and makes it less harmful by half a level');
    expect(rankWords(0)).toBe('');
    expect(rankWords(1)).toBe(' (it counts half, because a stronger safeguard already does the same job)');
    expect(rankWords(3)).toBe(' (it counts an eighth, because 3 stronger safeguards already do the same job)');
  });
});
