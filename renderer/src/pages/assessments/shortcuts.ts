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

/** Where focus is, as far as shortcuts go (focusContext). */
export interface FocusContext {
  /** A key press would type a character there. */
  typing: boolean;
  /** A select or combobox: Alt+↓ and Alt+↑ open and close its list there. */
  list: boolean;
}

/** The shortcut a key press asks for, or null. */
export function shortcutFor(press: KeyPress, focus: FocusContext): ShortcutId | null {
  if (press.ctrlKey || press.metaKey) return null;
  for (const s of assessmentShortcuts) {
    if (s.alt !== press.altKey) continue;
    if (!s.alt && focus.typing) continue;
    if (focus.list && (s.key === 'ArrowDown' || s.key === 'ArrowUp')) continue;
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

/**
 * What the focused element makes of key presses: whether one would type a character there (a
 * text box, a select, a combobox, editable text), and whether it has a list Alt+arrows open.
 */
export function focusContext(el: FocusedThing | null): FocusContext {
  if (!el) return { typing: false, list: false };
  const tag = el.tagName.toUpperCase();
  const list = tag === 'SELECT' || el.role === 'combobox';
  const typing =
    list || el.contentEditable || tag === 'TEXTAREA' || el.role === 'textbox' || el.role === 'searchbox' || (tag === 'INPUT' && !notTyped.has((el.type ?? 'text').toLowerCase()));
  return { typing, list };
}
