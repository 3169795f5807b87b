import { expect, it } from 'vitest';
import { makeTestCore } from '../../support/core-fixture.ts';

it('keeps a genuine event verifiable when its actor holds a lone surrogate (stored as U+FFFD)', async () => {
  const core = makeTestCore();
  try {
    const result = await core.dispatch('systems.create', { name: 'Scribe', vendor: 'Quill' }, { actor: 'Dr \uD83D Broken' });
    expect(result.ok).toBe(true);
    const verified = await core.call('audit.verify', {});
    // The vendor's event and the system's, both by that actor.
    expect(verified).toMatchObject({ ok: true, length: 2 });
  } finally {
    core.dispose();
  }
});

it('checks the ledger against a remembered head and length', async () => {
  const core = makeTestCore();
  try {
    await core.call('systems.create', { name: 'A', vendor: 'V' });
    const anchor = await core.call('audit.verify', {});
    expect(await core.call('audit.verify', { expected: { length: anchor.length, head: anchor.head } })).toMatchObject({ ok: true });
    await core.call('systems.create', { name: 'B', vendor: 'V' });
    const grown = await core.call('audit.verify', { expected: { length: anchor.length, head: anchor.head } });
    expect(grown.ok).toBe(false);
    expect(grown.firstBad).toMatchObject({ seq: anchor.length + 1, problem: 'inserted' });
  } finally {
    core.dispose();
  }
});
