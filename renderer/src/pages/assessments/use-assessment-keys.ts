import { useEffect, useRef } from 'react';
import { moveTarget, type MoveSection, type MoveTarget } from './question-moves.ts';
import { focusContext, shortcutFor } from './shortcuts.ts';

export interface AssessmentKeys {
  sections: readonly MoveSection[];
  /** The section shown. */
  section: string;
  answered: (questionId: string) => boolean;
  go: (target: MoveTarget) => void;
  openHelp: () => void;
}

/**
 * The assessment page's shortcuts (shortcuts.ts), on the whole window while the page is shown.
 * Not inside a dialog: there its own keys rule. The question in focus is where the moves start.
 */
export function useAssessmentKeys(keys: AssessmentKeys): void {
  const latest = useRef(keys);
  useEffect(() => {
    latest.current = keys;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (event.defaultPrevented || target?.closest('[role=dialog]')) return;
      const focus = focusContext(
        target && target !== document.body
          ? { tagName: target.tagName, type: target.getAttribute('type'), role: target.getAttribute('role'), contentEditable: target.isContentEditable }
          : null,
      );
      const id = shortcutFor(event, focus);
      if (!id) return;
      // Taken before the focused control sees it: Alt+↓ on a radio must not also move its choice.
      event.preventDefault();
      event.stopPropagation();
      const { sections, section, answered, go, openHelp } = latest.current;
      if (id === 'help') return openHelp();
      const question = target?.closest('[data-question]')?.getAttribute('data-question') ?? null;
      const to = moveTarget(id, sections, { section, question }, answered);
      if (to) go(to);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
