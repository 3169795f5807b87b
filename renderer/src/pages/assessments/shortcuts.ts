/**
 * The assessment page's keyboard shortcuts, declared once: the page's key handler matches
 * presses against this table and the "Keyboard shortcuts" dialog lists it (docs/keyboard.md).
 * Alt with an arrow or Page key works anywhere, in a text answer too (none of them types a
 * character); a single character only when focus is not in a place to type, so it never
 * swallows a letter of an answer.
 */
export type ShortcutId = 'nextQuestion' | 'previousQuestion' | 'nextSection' | 'previousSection' | 'nextUnanswered' | 'nextRequired' | 'help';

export interface Shortcut {
  id: ShortcutId;
  /** KeyboardEvent.key */
  key: string;
  alt: boolean;
  /** The keys as the help dialog shows them, one entry per key cap. */
  caps: readonly string[];
  description: string;
}

export const assessmentShortcuts: readonly Shortcut[] = [
  { id: 'nextQuestion', key: 'ArrowDown', alt: true, caps: ['Alt', '↓'], description: 'Next question' },
  { id: 'previousQuestion', key: 'ArrowUp', alt: true, caps: ['Alt', '↑'], description: 'Previous question' },
  { id: 'nextSection', key: 'PageDown', alt: true, caps: ['Alt', 'Page Down'], description: 'Next section' },
  { id: 'previousSection', key: 'PageUp', alt: true, caps: ['Alt', 'Page Up'], description: 'Previous section' },
  { id: 'nextUnanswered', key: 'n', alt: false, caps: ['N'], description: 'Next unanswered question (when not typing)' },
  { id: 'nextRequired', key: 'r', alt: false, caps: ['R'], description: 'Next unanswered required question (when not typing)' },
  { id: 'help', key: '?', alt: false, caps: ['?'], description: 'This list of shortcuts (when not typing)' },
];

/** The parts of a key press a shortcut depends on. */
export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** The shortcut a key press asks for, or null. `typing`: focus is where the press would type a character. */
export function shortcutFor(press: KeyPress, typing: boolean): ShortcutId | null {
  if (press.ctrlKey || press.metaKey) return null;
  for (const s of assessmentShortcuts) {
    if (s.alt !== press.altKey) continue;
    if (!s.alt && typing) continue;
    // Caps Lock gives "N": the same key.
    if (s.key === press.key || (s.key.length === 1 && s.key === press.key.toLowerCase())) return s.id;
  }
  return null;
}

/** What is focused, as far as typing goes. */
export interface FocusedThing {
  tagName: string;
  type: string | null;
  role: string | null;
  contentEditable: boolean;
}

/** Input types in which a key press is not a character typed. */
const notTyped: ReadonlySet<string> = new Set(['radio', 'checkbox', 'button', 'submit', 'reset', 'file', 'range', 'color', 'image']);

/** Whether a key press on this element would type a character (a text box, a select, a combobox, editable text). */
export function isTypingTarget(el: FocusedThing | null): boolean {
  if (!el) return false;
  if (el.contentEditable) return true;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (el.role === 'combobox' || el.role === 'textbox' || el.role === 'searchbox') return true;
  return tag === 'INPUT' && !notTyped.has((el.type ?? 'text').toLowerCase());
}
