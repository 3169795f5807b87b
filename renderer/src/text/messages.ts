import {
  assessmentStatusLabels,
  contract,
  stageLabels,
  systemEventLabels,
  treatmentKindLabels,
  isMethodName,
  lifecycleLabels,
  riskStatusLabels,
  roleLabels,
  systemFieldLabels,
  workflowEvents,
  type ErrorCode,
  type FieldIssue,
  type VigilError,
} from '../../../electron/contract/index.ts';
import { ApiError } from '../api/api-client.ts';
import { systemOptions } from '../pages/systems/system-options.ts';
import { formatDate, formatDateTime } from './format.ts';
import { eventLabels } from './labels.ts';

/**
 * The one catalogue of words for the core's refusals. The core already says what happened in
 * a sentence; it is written for every way in (the CLI too), so it names methods, workflow
 * events, states and schema paths as codes. The page shows the same sentence with each code
 * read as its label, a title for the kind of refusal, and what the person can do about it.
 */
export interface ErrorWords {
  /** What kind of thing went wrong, as a heading. */
  title: string;
  /** What the person can do next. */
  todo: string;
}

export const errorCatalogue: Readonly<Record<ErrorCode, ErrorWords>> = {
  VALIDATION_FAILED: { title: 'Some of what was entered needs a change', todo: 'Correct the fields named and try again; nothing was saved.' },
  UNKNOWN_METHOD: { title: 'This version of Vigil cannot do that', todo: 'Update Vigil on this computer, or ask whoever runs your team server to update it.' },
  NOT_FOUND: { title: 'It could not be found', todo: 'It may have been removed or renamed; go back to the list and open it again.' },
  CONFLICT: { title: 'Someone else changed this first', todo: 'Reload the page to see the latest version, then make your change again.' },
  DATABASE_TOO_NEW: { title: 'This database is from a newer Vigil', todo: 'Update Vigil on this computer before opening this database.' },
  NOT_A_DATABASE: { title: 'This file is not a database', todo: 'Choose the Vigil database file, or a backup Vigil made.' },
  NOT_A_VIGIL_DATABASE: { title: 'This database is not one of Vigil’s', todo: 'Choose the Vigil database file, or a backup Vigil made.' },
  DATABASE_CORRUPT: { title: 'The database is damaged', todo: 'Restore the newest backup in Settings → Integrity.' },
  READ_ONLY: { title: 'Vigil opened this database read-only', todo: 'Restore a backup in Settings → Integrity to make changes again.' },
  UNAUTHORIZED: { title: 'You are not signed in', todo: 'Sign in again, then repeat the step.' },
  FORBIDDEN: { title: 'Your role may not do this', todo: 'Ask someone with the role named to do it, or choose who you are under “Acting as”.' },
  PAYLOAD_TOO_LARGE: { title: 'That is too large to send', todo: 'Send a smaller file or shorter text.' },
  BAD_REQUEST: { title: 'The request could not be read', todo: 'Reload the page and try again.' },
  TEMPLATES_INVALID: { title: 'The questionnaire templates have errors', todo: 'Ask whoever maintains the templates to check them (Templates page).' },
  TRANSITION_REFUSED: { title: 'That step is not possible now', todo: 'Take one of the steps offered now, or finish what is missing first.' },
  EXPORT_INVALID: { title: 'The document Vigil made did not pass its check', todo: 'Nothing was saved or recorded. Try again; if it happens again, tell your administrator which export and which record.' },
  DATA_FILE_INVALID: { title: 'The file was not imported', todo: 'Nothing was imported. Correct the rows and columns listed and import the whole file again.' },
  INTERNAL: { title: 'Vigil ran into a problem', todo: 'Try again; if it happens again, note what you did and tell your administrator.' },
  PACKAGE_MALFORMED: { title: 'This file is not a readable vendor package', todo: 'Ask the vendor to send the package again, exported from Vigil.' },
  PACKAGE_UNSAFE: { title: 'This vendor package was refused as unsafe', todo: 'Do not use it; ask the vendor to export a fresh package.' },
  SIGNATURE_INVALID: { title: 'The package’s signature does not check out', todo: 'Ask the vendor to send it again; it may have been altered on the way.' },
  REQUEST_UNKNOWN: { title: 'This answers a request Vigil did not issue', todo: 'Check the package is for this hospital and this request.' },
  REQUEST_EXPIRED: { title: 'The request has expired', todo: 'Issue a new request to the vendor.' },
  REPLAY: { title: 'This package was already imported', todo: 'Nothing more to do; its answers are already recorded.' },
  VENDOR_KEY_CHANGED: { title: 'The vendor signed with a different key', todo: 'Confirm the new key with the vendor by another channel before accepting it.' },
  QUESTION_NOT_IN_REQUEST: { title: 'The package answers a question that was not asked', todo: 'Ask the vendor to answer only the questions in the request.' },
  EVIDENCE_MISMATCH: { title: 'An attached file does not match its record', todo: 'Ask the vendor to send the package again.' },
  IDENTITY_UNAVAILABLE: { title: 'This workspace has no signing key yet', todo: 'Create the workspace identity in Settings first.' },
  XML_UNSAFE: { title: 'This file was refused as unsafe', todo: 'Use a model card exported as plain XML or JSON, without embedded definitions.' },
  MODEL_CARD_MISMATCH: { title: 'The model card is for another product', todo: 'Check the card is the right one; apply it anyway only if you are sure.' },
  ACCOUNT_LOCKED: { title: 'This account is locked', todo: 'Wait until it unlocks, or ask an administrator to unlock it.' },
  SESSION_EXPIRED: { title: 'Your session has ended', todo: 'Sign in again.' },
  RATE_LIMITED: { title: 'Too many attempts', todo: 'Wait a minute, then try again.' },
  SERVER_UNREACHABLE: { title: 'The team server did not answer', todo: 'Check the network connection and try again.' },
  CERTIFICATE_CHANGED: { title: 'The team server showed another certificate', todo: 'Do not continue; ask whoever runs the server whether its certificate was replaced.' },
  WRONG_WORKSPACE: { title: 'Not available in this workspace', todo: 'This step belongs to the other kind of workspace (hospital or vendor).' },
};

/** Anything that reads as a code rather than words: "(CODE)", UPPER_SNAKE, a dotted name, a camelCase word, "Allowed now:". */
export const codePattern = /\([A-Z][A-Z0-9_]{2,}\)|\b[A-Z]+_[A-Z_]+\b|\b[a-z]+\.[a-z][A-Za-z]*\b|\b[a-z]+[A-Z][A-Za-z]*\b|Allowed now/;

/** Names of fields that are not in the inventory record, as a form labels them. */
const fieldNames: Readonly<Record<string, string>> = {
  ...systemFieldLabels,
  by: 'Acting as',
  comment: 'Comment',
  conditions: 'Conditions',
  owner: 'Owner',
  due: 'Due date',
  dueDate: 'Due date',
  text: 'Text',
  plan: 'Plan',
  actions: 'Actions',
  description: 'Description',
  occurredAt: 'Date',
  expiry: 'Valid until',
  email: 'E-mail',
  roles: 'Roles',
  questionId: 'Question',
  expectedRevision: 'Version shown',
  nextReview: 'Next review',
  treatment: 'Treatment',
  kind: 'Kind',
};

const camelWords = (name: string): string => {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** A schema path as the form names it: "changes.intendedUsers" → "Intended users"; "actions.1.due" → "Due date (row 2)". */
export function fieldLabel(path: string): string {
  const parts = path.split('.').filter((p) => p !== '');
  if (parts.length === 0) return 'The entry';
  const named = parts.filter((p) => !/^\d+$/.test(p));
  const last = named[named.length - 1] ?? parts[0]!;
  const row = parts.find((p) => /^\d+$/.test(p));
  const label = fieldNames[last] ?? camelWords(last);
  return row === undefined ? label : `${label} (row ${Number(row) + 1})`;
}

/** The options a field offers, by code, as the form lists them. */
const optionNames: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.values(systemOptions).flatMap((options) => options.map((o) => [o.value, o.label]))),
  ...stageLabels,
  ...treatmentKindLabels,
  ...systemEventLabels,
  ...roleLabels,
  ...lifecycleLabels,
};
/** An option's code as the form lists it ("automates" → "Automates (acts without review)"). */
export const optionLabel = (code: string): string => optionNames[code] ?? camelWords(code);

const stateNames: Readonly<Record<string, string>> = { ...riskStatusLabels, ...lifecycleLabels, ...assessmentStatusLabels, ...roleLabels };
const events = new Set<string>(workflowEvents);
const eventWord = (name: string): string => eventLabels[name as keyof typeof eventLabels] ?? camelWords(name.split('.').pop() ?? name);
const methodWord = (name: string): string => (isMethodName(name) ? contract[name].summary.replace(/\.$/, '') : name);

/** zod's own wording for the few checks the contract leaves to it. */
const zodWords: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Invalid option: expected one of .*$/, () => 'choose one of the options offered'],
  [/^Too big: expected string to have <=(\d+) characters$/, (m) => `at most ${m[1]} characters`],
  [/^Too small: expected string to have >=(\d+) characters?$/, (m) => (m[1] === '1' ? 'required' : `at least ${m[1]} characters`)],
  [/^Too big: expected array to have <=(\d+) items?$/, (m) => `at most ${m[1]}`],
  [/^Too small: expected array to have >=(\d+) items?$/, (m) => `at least ${m[1]}`],
  [/^Invalid input: expected \w+, received undefined$/, () => 'required'],
  [/^Invalid input: expected (\w+), received \w+$/, () => 'not the right kind of value'],
  [/^Unknown field "([^"]+)"$/, (m) => `${fieldLabel(m[1] ?? '')} is not a field here`],
];

/**
 * A sentence from the core with its codes read as words: workflow events and methods by their
 * labels, states by theirs, camelCase field names as the form labels them, "(CODE)" and the
 * command line's hints dropped, "Allowed now:" said in words.
 */
export function inWords(text: string): string {
  for (const [pattern, words] of zodWords) {
    const m = pattern.exec(text);
    if (m) return words(m);
  }
  return text
    .replace(/\bone of: ([\w-]+(?:, [\w-]+)*)/g, (_, list: string) => `one of: ${list.split(', ').map((c) => `“${optionNames[c] ?? camelWords(c)}”`).join(', ')}`)
    .replace(/\s*\([A-Z][A-Z0-9_]{2,}\)/g, '')
    .replace(/\s*\(by: [^)]*\)/g, '')
    .replace(/Allowed now: nothing\./g, 'Nothing else can be done at this step.')
    .replace(/Allowed now:/g, 'What can be done now:')
    .replace(/\b[a-z]+\.[a-z][A-Za-z]*\b/g, (name) => (events.has(name) || name in eventLabels ? `“${eventWord(name)}”` : isMethodName(name) ? `“${methodWord(name)}”` : name))
    .replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, (word) => (stateNames[word] ?? fieldNames[word] ?? camelWords(word)).toLowerCase())
    .replace(/\b[A-Z]+_[A-Z_]+\b/g, (code) => camelWords(code.toLowerCase().replace(/_(\w)/g, (_, c: string) => c.toUpperCase())).toLowerCase());
}

/** A field issue as the words beside the field: "intendedUsers is required" → "Intended users is required". */
export function issueWords(issue: Pick<FieldIssue, 'message'>): string {
  const words = inWords(issue.message);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const transitionRefusal = /^(\S+) is (\w+); ([\w.]+) is not allowed(?: — (.*?)| now)\. Allowed now: (.*)\.$/s;

/** A refused workflow step: what was asked, why not, and what can be done instead, each in words. */
function refusalWords(message: string, details: VigilError['details']): string | null {
  const m = transitionRefusal.exec(message);
  if (!m) return null;
  const [, , state = '', event = '', reason] = m;
  const allowed = Array.isArray(details?.allowed) ? details.allowed.filter((e): e is string => typeof e === 'string') : (m[5] ?? '').split(', ').filter((e) => e !== 'nothing');
  const why = reason ? `: ${inWords(reason)}` : ` while it is ${(stateNames[state] ?? camelWords(state)).toLowerCase()}`;
  const now = allowed.length > 0 ? `You can now: ${allowed.map((e) => `“${eventWord(e)}”`).join(', ')}.` : 'Nothing else can be done at this step.';
  return `“${eventWord(event)}” is not possible${why}. ${now}`;
}

/** A refused input: each field by its label with what is wrong. */
function validationWords(message: string, issues: readonly FieldIssue[]): string | null {
  if (!message.startsWith('Invalid input for ') || issues.length === 0) return null;
  // An issue that names its field already is said as it is; any other after its field's label.
  const parts = issues.map((i) => {
    const words = issueWords(i);
    const label = fieldLabel(i.path);
    return i.path === '' || words.toLowerCase().startsWith(label.replace(/ \(row \d+\)$/, '').toLowerCase()) ? words : `${label}: ${words.charAt(0).toLowerCase()}${words.slice(1)}`;
  });
  return `${issues.length === 1 ? 'Check this entry' : 'Check these entries'} — ${parts.join('; ')}.`;
}

export interface ShownError extends ErrorWords {
  /** The core's sentence, in words. */
  message: string;
  code: ErrorCode | null;
}

/** "at 10:42 UTC on 2026-12-06", how the core (which has no time zone) says when in a sentence. */
const utcMoment = /\b(?:at )?(\d{2}:\d{2}) UTC on (\d{4}-\d{2}-\d{2})\b/g;
/** An ISO moment or date standing on its own (not inside a file name or an id). */
const isoMoment = /(?<![\w-])(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?(?![\w-])/g;

/**
 * The core's dates and times in the reader's format (text/format.ts): a moment the details carry
 * (`changedAt` of a conflict) replaces the core's UTC wording, so it is read on the local clock;
 * any other ISO moment or date is written as every page writes one.
 */
function datesInWords(message: string, details: VigilError['details']): string {
  const changedAt = typeof details?.changedAt === 'string' ? details.changedAt : null;
  return message
    .replace(utcMoment, (_, time: string, day: string) => `on ${formatDateTime(changedAt ?? `${day}T${time}:00Z`)}`)
    .replace(isoMoment, (whole, day: string, time: string | undefined) => (time ? formatDateTime(whole) : formatDate(day)));
}

/** Any failure as the page shows it: the catalogue's title and advice, the message in words. */
export function errorWords(error: unknown): ShownError {
  if (error instanceof ApiError) {
    const { code, message, details } = error.error;
    const issues = details?.issues ?? [];
    const text = datesInWords(
      (code === 'TRANSITION_REFUSED' ? refusalWords(message, details) : null) ?? (code === 'VALIDATION_FAILED' ? validationWords(message, issues) : null) ?? inWords(message),
      details,
    );
    const byMissing = code === 'VALIDATION_FAILED' && issues.some((i) => i.path === 'by');
    return {
      ...errorCatalogue[code],
      ...(byMissing ? { todo: 'Choose who you are under “Acting as” at the top, then try again.' } : {}),
      message: text,
      code,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { title: 'Vigil could not do that', todo: 'Try again; if it happens again, tell your administrator.', message: inWords(message), code: null };
}

/** Only the sentence (for a line under a field or a small notice). */
export const errorText = (error: unknown): string => errorWords(error).message;
