// The keyboard rules of docs/keyboard.md as pure parts: when a radio choice counts as an answer
// (one ledger event per deliberate answer, none for options the arrow keys pass over), the
// assessment page's shortcut table and what a key press asks of it, where its moves lead, and
// which address changes are a new page for focus.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moveTarget, type MoveSection } from '../../renderer/src/pages/assessments/question-moves.ts';
import { idleRadio, stepRadio, type RadioCommitState, type RadioEvent } from '../../renderer/src/pages/assessments/radio-commit.ts';
import { assessmentShortcuts, focusContext, shortcutFor, type KeyPress } from '../../renderer/src/pages/assessments/shortcuts.ts';
import { pageKey } from '../../renderer/src/routing/page-key.ts';
import { parseRoute } from '../../renderer/src/routing/use-hash-route.ts';

/** A radio group as the browser drives it: events in, what gets saved out. */
function group(saved: string | null = null) {
  let state: RadioCommitState = idleRadio;
  const commits: string[] = [];
  const send = (event: RadioEvent) => {
    const next = stepRadio(state, event, saved);
    state = next.state;
    if (next.commit !== null) {
      commits.push(next.commit);
      saved = next.commit;
    }
  };
  return {
    commits,
    shown: () => state.pending ?? saved,
    saved: () => saved,
    // The browser checks the next radio while the arrow key is down.
    arrow: (to: string) => {
      send({ kind: 'keydown', key: 'ArrowDown' });
      send({ kind: 'change', value: to });
      send({ kind: 'keyup' });
    },
    click: (on: string) => {
      if (on !== (state.pending ?? saved)) send({ kind: 'change', value: on });
    },
    // Space acts on the focused radio (the arrow keys move focus with the choice): it checks an
    // unchecked one on key up (a change), and confirms one already checked.
    space: (on: string) => {
      if (state.pending !== null) on = state.pending;
      const checked = on === (state.pending ?? saved);
      send({ kind: 'keydown', key: ' ' });
      send({ kind: 'keyup' });
      if (!checked) send({ kind: 'change', value: on });
    },
    enter: () => {
      send({ kind: 'keydown', key: 'Enter' });
      send({ kind: 'keyup' });
    },
    leave: () => send({ kind: 'leave' }),
  };
}

describe('radio choices (radio-commit.ts)', () => {
  it('saves nothing while the arrow keys pass over options, and the option stopped on when Space confirms it', () => {
    const g = group();
    g.arrow('no');
    g.arrow('partly');
    g.arrow('unknown');
    expect(g.commits).toEqual([]);
    expect(g.shown()).toBe('unknown');
    g.space('unknown');
    expect(g.commits).toEqual(['unknown']);
    g.leave();
    expect(g.commits).toEqual(['unknown']);
  });

  it('saves the option stopped on when Enter confirms it, or when focus leaves the group', () => {
    const a = group();
    a.arrow('no');
    a.enter();
    expect(a.commits).toEqual(['no']);
    const b = group('yes');
    b.arrow('no');
    b.arrow('partly');
    b.leave();
    expect(b.commits).toEqual(['partly']);
  });

  it('saves a click and a Space on an unchecked option at once', () => {
    const g = group();
    g.click('yes');
    expect(g.commits).toEqual(['yes']);
    g.space('no');
    expect(g.commits).toEqual(['yes', 'no']);
  });

  it('saves nothing when the arrow keys come back to the saved answer, or a confirmed answer is confirmed again', () => {
    const g = group('yes');
    g.arrow('no');
    g.arrow('yes');
    g.leave();
    g.space('yes');
    g.enter();
    expect(g.commits).toEqual([]);
    expect(g.shown()).toBe('yes');
  });

  it('a key with no change after it does not make the next click a pass-over', () => {
    const g = group();
    // ArrowDown on the last radio of a disabled stretch: no change follows, and the key is let go.
    g.arrow('no');
    g.leave();
    expect(g.commits).toEqual(['no']);
    const h = group();
    h.click('yes');
    expect(h.commits).toEqual(['yes']);
  });

  it('for any mix of arrows, clicks, Space, Enter and leaving: arrows alone save nothing, each save follows a deliberate act and changes the answer, and leaving leaves nothing unsaved', () => {
    const option = fc.constantFrom('yes', 'no', 'partly', '__unknown');
    const gesture = fc.oneof(
      option.map((o) => ({ kind: 'arrow' as const, o })),
      option.map((o) => ({ kind: 'click' as const, o })),
      option.map((o) => ({ kind: 'space' as const, o })),
      fc.constant({ kind: 'enter' as const, o: '' }),
      fc.constant({ kind: 'leave' as const, o: '' }),
    );
    fc.assert(
      fc.property(fc.option(option, { nil: null }), fc.array(gesture, { maxLength: 30 }), (start, gestures) => {
        const g = group(start);
        let deliberate = 0;
        for (const x of gestures) {
          const before = g.commits.length;
          const savedBefore = g.saved();
          if (x.kind === 'arrow') g.arrow(x.o);
          else if (x.kind === 'click') g.click(x.o);
          else if (x.kind === 'space') g.space(x.o);
          else if (x.kind === 'enter') g.enter();
          else g.leave();
          const made = g.commits.length - before;
          if (x.kind === 'arrow') expect(made).toBe(0);
          else deliberate += made;
          expect(made).toBeLessThanOrEqual(1);
          if (made === 1) expect(g.commits.at(-1)).not.toBe(savedBefore);
          if (x.kind === 'leave') expect(g.shown()).toBe(g.saved());
        }
        expect(g.commits.length).toBe(deliberate);
      }),
    );
  });
});

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, altKey: false, ctrlKey: false, metaKey: false, ...mods });
const free = { typing: false, list: false };
const typing = { typing: true, list: false };
const inList = { typing: true, list: true };

describe('the assessment shortcuts (shortcuts.ts)', () => {
  it('declares each shortcut once, and each is matched by its own keys', () => {
    expect(new Set(assessmentShortcuts.map((s) => s.id)).size).toBe(assessmentShortcuts.length);
    expect(new Set(assessmentShortcuts.map((s) => `${s.alt}|${s.key}`)).size).toBe(assessmentShortcuts.length);
    for (const s of assessmentShortcuts) {
      expect(shortcutFor(press(s.key, { altKey: s.alt }), free)).toBe(s.id);
      expect(s.caps.length).toBeGreaterThan(0);
      expect(s.description).toMatch(/^[A-Z]/);
    }
  });

  it('takes Alt with an arrow or Page key while typing, and a single character only when not typing', () => {
    expect(shortcutFor(press('ArrowDown', { altKey: true }), typing)).toBe('nextQuestion');
    expect(shortcutFor(press('PageUp', { altKey: true }), typing)).toBe('previousSection');
    expect(shortcutFor(press('n'), typing)).toBeNull();
    expect(shortcutFor(press('?'), typing)).toBeNull();
    expect(shortcutFor(press('?'), free)).toBe('help');
    expect(shortcutFor(press('N'), free)).toBe('nextUnanswered');
    expect(shortcutFor(press('R'), free)).toBe('nextRequired');
  });

  it('leaves plain arrows (moving between options), Ctrl and Cmd combinations and other keys to the browser', () => {
    expect(shortcutFor(press('ArrowDown'), free)).toBeNull();
    expect(shortcutFor(press('n', { ctrlKey: true }), free)).toBeNull();
    expect(shortcutFor(press('ArrowDown', { altKey: true, metaKey: true }), free)).toBeNull();
    expect(shortcutFor(press('n', { altKey: true }), free)).toBeNull();
    expect(shortcutFor(press('x'), free)).toBeNull();
  });

  it('leaves Alt+↓ and Alt+↑ to a select or combobox (they open its list), but not Alt+Page Down and Up', () => {
    expect(shortcutFor(press('ArrowDown', { altKey: true }), inList)).toBeNull();
    expect(shortcutFor(press('ArrowUp', { altKey: true }), inList)).toBeNull();
    expect(shortcutFor(press('PageDown', { altKey: true }), inList)).toBe('nextSection');
    expect(shortcutFor(press('?'), inList)).toBeNull();
  });

  it('counts text boxes, text areas, selects, comboboxes and editable text as typing; radios, checkboxes and buttons not', () => {
    const el = (tagName: string, type: string | null = null, role: string | null = null, contentEditable = false) => ({ tagName, type, role, contentEditable });
    for (const where of [el('INPUT'), el('input', 'text'), el('INPUT', 'date'), el('INPUT', 'number'), el('TEXTAREA'), el('SELECT'), el('INPUT', null, 'combobox'), el('DIV', null, null, true)])
      expect(focusContext(where).typing, JSON.stringify(where)).toBe(true);
    for (const not of [el('INPUT', 'radio'), el('INPUT', 'checkbox'), el('BUTTON'), el('A'), el('H2'), el('INPUT', 'file'), null])
      expect(focusContext(not), JSON.stringify(not)).toEqual({ typing: false, list: false });
    expect(focusContext(el('INPUT', null, 'combobox')).list).toBe(true);
    expect(focusContext(el('SELECT')).list).toBe(true);
    expect(focusContext(el('TEXTAREA')).list).toBe(false);
  });
});

describe('where the keyboard moves lead (question-moves.ts)', () => {
  const sections: MoveSection[] = [
    { id: 'PR-A', questions: [{ id: 'PR-A1', required: true }, { id: 'PR-A2', required: false }] },
    { id: 'PR-B', questions: [{ id: 'PR-B1', required: false }, { id: 'PR-B2', required: true }] },
    { id: 'PR-C', questions: [{ id: 'PR-C1', required: true }] },
  ];
  const none = () => false;

  it('moves question by question across sections, from the section itself when focus is not in a question', () => {
    expect(moveTarget('nextQuestion', sections, { section: 'PR-A', question: null }, none)).toEqual({ section: 'PR-A', question: 'PR-A1' });
    expect(moveTarget('nextQuestion', sections, { section: 'PR-A', question: 'PR-A2' }, none)).toEqual({ section: 'PR-B', question: 'PR-B1' });
    expect(moveTarget('previousQuestion', sections, { section: 'PR-B', question: 'PR-B1' }, none)).toEqual({ section: 'PR-A', question: 'PR-A2' });
    expect(moveTarget('previousQuestion', sections, { section: 'PR-B', question: null }, none)).toEqual({ section: 'PR-A', question: 'PR-A2' });
    expect(moveTarget('nextQuestion', sections, { section: 'PR-C', question: 'PR-C1' }, none)).toBeNull();
    expect(moveTarget('previousQuestion', sections, { section: 'PR-A', question: 'PR-A1' }, none)).toBeNull();
  });

  it('moves section by section, to the section itself', () => {
    expect(moveTarget('nextSection', sections, { section: 'PR-A', question: 'PR-A2' }, none)).toEqual({ section: 'PR-B', question: null });
    expect(moveTarget('previousSection', sections, { section: 'PR-B', question: null }, none)).toEqual({ section: 'PR-A', question: null });
    expect(moveTarget('nextSection', sections, { section: 'PR-C', question: null }, none)).toBeNull();
    expect(moveTarget('previousSection', sections, { section: 'PR-A', question: null }, none)).toBeNull();
  });

  it('finds the next unanswered (or unanswered required) question after the one in focus, going round, and the first for the skip link', () => {
    const answered = (id: string) => ['PR-A1', 'PR-B2'].includes(id);
    expect(moveTarget('firstUnanswered', sections, { section: 'PR-C', question: 'PR-C1' }, answered)).toEqual({ section: 'PR-A', question: 'PR-A2' });
    expect(moveTarget('nextUnanswered', sections, { section: 'PR-A', question: 'PR-A2' }, answered)).toEqual({ section: 'PR-B', question: 'PR-B1' });
    expect(moveTarget('nextRequired', sections, { section: 'PR-A', question: 'PR-A1' }, answered)).toEqual({ section: 'PR-C', question: 'PR-C1' });
    expect(moveTarget('nextUnanswered', sections, { section: 'PR-C', question: 'PR-C1' }, answered)).toEqual({ section: 'PR-A', question: 'PR-A2' });
    expect(moveTarget('nextRequired', sections, { section: 'PR-B', question: null }, (id) => id !== 'PR-A1')).toEqual({ section: 'PR-A', question: 'PR-A1' });
    expect(moveTarget('nextUnanswered', sections, { section: 'PR-A', question: null }, () => true)).toBeNull();
  });
});

describe('a new page for focus (page-key.ts)', () => {
  const key = (hash: string) => pageKey(parseRoute(hash));

  it('is the same across a list query, a tab, a register drawer and an assessment section', () => {
    expect(key('#/systems?q=sepsis&sort=name')).toBe(key('#/systems'));
    expect(key('#/risks/RSK-ABCD')).toBe(key('#/risks'));
    expect(key('#/settings/integrity')).toBe(key('#/settings'));
    expect(key('#/reviews/log?page=2')).toBe(key('#/reviews'));
    expect(key('#/assessments/ASM-1/PR-GOV')).toBe(key('#/assessments/ASM-1'));
    expect(key('#/assessments/ASM-1/questions/PR-GOV-01')).toBe(key('#/assessments/ASM-1'));
  });

  it('differs between pages, and between two records of one kind', () => {
    const keys = ['#/systems', '#/systems/SYS-1', '#/systems/SYS-2', '#/systems/SYS-1/edit', '#/assessments', '#/assessments/ASM-1', '#/assessments/ASM-2', '#/vendors', '#/vendors/VEN-1', '#/dashboard', '#/nowhere'].map(key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
