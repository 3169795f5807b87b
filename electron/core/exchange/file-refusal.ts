import type { z } from 'zod';
import { describeFileText, requestFormat, responseFormat, type AnswerValue, type ErrorCode } from '../../contract/index.ts';
import { answerProblem, type AnswerableQuestion } from '../assessments/answer-validation.ts';
import { DomainError } from '../domain-error.ts';

/**
 * One way to refuse a file that came from outside (a vendor response, a request package, a model
 * card, a filled-in Word questionnaire…): one sentence for people saying what the file is not and
 * what it seems to be instead, then at most a few specific problems in words. Never a schema
 * issue list or a JSON path: people open the wrong file, and "answers[3].value: Invalid input"
 * tells them nothing. Every file boundary refuses through here so the wording is the same
 * everywhere; the error codes stay the callers'.
 */

/** What a file boundary expects, in words. */
export interface FileKind {
  /** With its article, as it ends "This file is not …": "a Vigil vendor response". */
  name: string;
  /** What to do instead, one sentence: "Choose the response file the vendor sent back (….json)." */
  hint: string;
  /** JSON kinds: the value of the file's "format" field. */
  format?: string;
  /** XML kinds: the root element's local name. */
  xmlRoot?: string;
  /** Names a place in the file's data in words ("the answer to PR-GOV-01"), or null for the generic wording. */
  describePlace?: (path: readonly PropertyKey[], data: unknown) => string | null;
}

/** At most this many specific problems are listed; more would be a dump again. */
export const maxListedProblems = 3;

// ---- What a file looks like ---------------------------------------------------------------

/** Vigil's own JSON formats and model cards, so a file of the wrong one is named for what it is. */
const knownFormats: Record<string, string> = {
  [requestFormat]: 'a Vigil request package (the questions a hospital sends to a vendor)',
  [responseFormat]: 'a Vigil vendor response (the answers a vendor sends back)',
};
const knownXmlRoots: Record<string, string> = {
  AppliedModelCard: 'a CHAI Applied Model Card (XML)',
  html: 'a web page (HTML)',
  DocumentReference: 'a FHIR DocumentReference (it may carry a model card as an attachment; save the attachment and import that)',
};

/** Whether the text starts like JSON or like XML, after a byte-order mark and spaces. */
export function textStartsAs(text: string): 'json' | 'xml' | 'other' {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' || first === '[' ? 'json' : first === '<' ? 'xml' : 'other';
}

/** Names a parsed JSON value that is not `kind`, or null when it claims to be `kind` (its format matches). */
function describeJson(data: unknown, kind: FileKind): string | null {
  if (Array.isArray(data)) return 'it holds a JSON list, not a Vigil file';
  if (typeof data !== 'object' || data === null) return 'it holds a single JSON value, not a Vigil file';
  if (!kind.format) return null;
  const format = (data as Record<string, unknown>).format;
  if (format === undefined) return 'it has no "format" field, so it was not made by Vigil';
  if (format === kind.format) return null;
  if (typeof format === 'string' && format in knownFormats) return `it is ${knownFormats[format]}`;
  return `its "format" is ${typeof format === 'string' ? `"${format.slice(0, 60)}"` : 'not text'}, not "${kind.format}"`;
}

// ---- Refusals -----------------------------------------------------------------------------

/** The refusal: "This file is not <kind>: <why>. <hint>" and, when given, the problems in words. */
export function notThisFile(kind: FileKind, why: string, code: ErrorCode = 'VALIDATION_FAILED', problems: readonly string[] = []): DomainError {
  const listed = problems.slice(0, maxListedProblems);
  const more = problems.length - listed.length;
  const tail =
    listed.length === 0 ? '' : ` What is wrong: ${listed.join('; ')}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : ''}.`;
  return new DomainError(code, `This file is not ${kind.name}: ${why}. ${kind.hint}${tail}`, listed.length > 0 ? { problems: listed } : undefined);
}

/**
 * Refuses a file that is of the right kind but whose content cannot be used (answers that do not
 * fit their questions, say): "This <kind> cannot be imported: <problems>. <fix>".
 */
export function cannotImport(kind: FileKind, problems: readonly string[], fix: string, code: ErrorCode = 'VALIDATION_FAILED'): DomainError {
  const listed = problems.slice(0, maxListedProblems);
  const more = problems.length - listed.length;
  const what = kind.name.replace(/^(a|an) /, '');
  return new DomainError(code, `This ${what} cannot be imported: ${listed.join('; ')}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : ''}. ${fix}`, { problems: listed });
}

const quoted = (text: string, max = 60) => `"${text.length > max ? `${text.slice(0, max - 1)}…` : text}"`;
const given = (value: AnswerValue) => (typeof value === 'string' ? quoted(value) : Array.isArray(value) ? value.map((v) => quoted(v)).join(', ') : String(value));

/**
 * An answer that does not fit its question, in words with the options' labels: "the answer to
 * VT-FAIR-02 must be one of: "Yes…", "No"; the file gives "partially"". Null when it fits (the
 * check itself is answerProblem's, the one rule for answers).
 */
export function answerMisfit(question: Omit<AnswerableQuestion, 'options'> & { options?: readonly { value: string; label?: string }[] }, value: AnswerValue): string | null {
  if (answerProblem(question, value) === null) return null;
  const the = `the answer to ${question.id}`;
  const options = (question.options ?? []).map((o) => quoted(o.label ?? o.value));
  switch (question.kind) {
    case 'yesNo':
    case 'choice':
      return `${the} must be one of: ${options.join(', ')}; the file gives ${given(value)}`;
    case 'multi':
      if (Array.isArray(value) && value.length === 0) return `${the} chooses nothing; it must choose at least one of: ${options.join(', ')}`;
      return `${the} must choose from: ${options.join(', ')}; the file gives ${given(value)}`;
    case 'text':
      return typeof value === 'string' ? `${the} is empty` : `${the} must be text`;
    case 'number':
      return `${the} must be a number; the file gives ${given(value)}`;
    case 'date':
      return `${the} must be a real date written as year-month-day (for example 2027-03-31); the file gives ${given(value)}`;
  }
}

/**
 * Why text that failed to parse as JSON is not a Vigil file, as a phrase ("it is a PDF document",
 * "it is not complete, valid JSON (it breaks at character 120)…"); the parser's own wording is never shown.
 */
export function whyNotJson(text: string, parseMessage: string): string {
  const looks = describeFileText(text);
  if (looks) return looks;
  if (textStartsAs(text) === 'xml') {
    const root = /<\s*(?:[\w.-]+:)?([A-Za-z_][\w.-]*)/.exec(text.replace(/<\?[^>]*\?>|<!--[\s\S]*?-->/g, ''))?.[1];
    return root && root in knownXmlRoots ? `it is ${knownXmlRoots[root]}` : 'it is an XML file, not JSON';
  }
  if (textStartsAs(text) === 'other') return 'it is plain text, not a Vigil file (Vigil files are JSON)';
  // JSON that breaks part-way: the parser's position is useful; its wording is not shown raw.
  const at = /position (\d+)/.exec(parseMessage)?.[1];
  return `it is not complete, valid JSON${at ? ` (it breaks at character ${Number(at) + 1})` : ''}; it may have been cut short or edited`;
}

/** Refuses text that is not JSON: names what it is when that can be told, else says where the JSON breaks. */
export function notJson(kind: FileKind, text: string, parseMessage: string): DomainError {
  return notThisFile(kind, whyNotJson(text, parseMessage), 'PACKAGE_MALFORMED');
}

/** Refuses an XML file whose root element is not `kind`'s, or a file that is not XML at all. */
export function notThisXml(kind: FileKind, text: string, root: string | null): DomainError {
  const looks = textStartsAs(text) === 'xml' ? null : describeFileText(text);
  if (looks) return notThisFile(kind, looks, 'PACKAGE_MALFORMED');
  if (textStartsAs(text) === 'json') {
    let format: unknown;
    try {
      format = (JSON.parse(text.replace(/^\uFEFF/, '')) as { format?: unknown }).format;
    } catch {
      format = undefined;
    }
    return notThisFile(kind, typeof format === 'string' && format in knownFormats ? `it is ${knownFormats[format]}` : 'it is a JSON file, not XML', 'PACKAGE_MALFORMED');
  }
  if (root === null) return notThisFile(kind, 'it is plain text, not XML', 'PACKAGE_MALFORMED');
  return notThisFile(kind, root in knownXmlRoots ? `it is ${knownXmlRoots[root]}` : `it is an XML file whose top element is <${root}>${kind.xmlRoot ? `, not <${kind.xmlRoot}>` : ''}`);
}

/** Refuses parsed JSON that failed `kind`'s schema: what it is instead, or the first few problems in words. */
export function notThisContent(kind: FileKind, data: unknown, error: z.ZodError): DomainError {
  const other = describeJson(data, kind);
  if (other) return notThisFile(kind, other);
  const version = error.issues.find((i) => i.path.length === 1 && i.path[0] === 'version');
  if (version && typeof data === 'object' && data !== null) {
    const v = (data as Record<string, unknown>).version;
    return notThisFile(kind, `it is ${typeof v === 'number' ? `version ${v}` : 'a version'} of the format, which this Vigil cannot read; update Vigil or ask for a version 1 file`);
  }
  return notThisFile(kind, 'some of its content is missing or not as Vigil wrote it', 'VALIDATION_FAILED', problemsInWords(error, data, kind));
}

// ---- Schema problems in words ---------------------------------------------------------------

type Issue = z.ZodError['issues'][number];

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
  null: 'empty',
  date: 'a date',
};

/** zod's own wording starts like this; a message that does not is the contract's, already in words. */
const zodDefault = /^(Invalid|Too (big|small)|Unrecognized key|Expected|Input not instance)/;

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let here = data;
  for (const step of path) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = (here as Record<PropertyKey, unknown>)[step];
  }
  return here;
}

/** A place in the data in words: the kind's own naming first, else "the "name" of vendor", "entry 4 of answers". */
export function placeInWords(path: readonly PropertyKey[], data: unknown, kind: FileKind): string {
  const own = kind.describePlace?.(path, data);
  if (own) return own;
  if (path.length === 0) return 'the file';
  const parts = [...path].reverse().map((step) => (typeof step === 'number' ? `entry ${step + 1}` : `"${String(step)}"`));
  return `the ${parts.join(' of ')}`.replace(/^the entry/, 'entry');
}

function issueInWords(issue: Issue, data: unknown, kind: FileKind, prefix: readonly PropertyKey[] = []): string {
  const path = [...prefix, ...issue.path];
  const place = placeInWords(path, data, kind);
  const own = (message: string) => (/^(must|is|has|takes)\b/.test(message) ? `${place} ${message}` : `${place}: ${message}`);
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(data, path) === undefined) return `${place} is missing`;
      return `${place} must be ${typeWords[issue.expected] ?? issue.expected}`;
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v));
      return values.length === 1 ? `${place} must be ${values[0]}` : `${place} must be one of: ${values.join(', ')}`;
    }
    case 'unrecognized_keys':
      return `${place} has ${issue.keys.length === 1 ? 'a field' : 'fields'} Vigil does not know: ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union': {
      // The branch that came closest says most: the one with the fewest problems.
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0];
      const first = best?.[0];
      return first ? issueInWords(first, data, kind, path) : `${place} is not in a form Vigil can read`;
    }
    case 'too_small':
    case 'too_big': {
      if (!zodDefault.test(issue.message)) return own(issue.message);
      const small = issue.code === 'too_small';
      const limit = Number(small ? issue.minimum : issue.maximum);
      if (issue.origin === 'string') return small && limit === 1 ? `${place} is empty` : `${place} must be at ${small ? 'least' : 'most'} ${limit} characters`;
      if (issue.origin === 'array') return small && limit === 1 ? `${place} is an empty list` : `${place} must have at ${small ? 'least' : 'most'} ${limit} entries`;
      return `${place} must be at ${small ? 'least' : 'most'} ${limit}`;
    }
    default:
      return zodDefault.test(issue.message) ? `${place} is not in a form Vigil can read` : own(issue.message);
  }
}

/** Each schema problem as one phrase for people, in order, without repeats. */
export function problemsInWords(error: z.ZodError, data: unknown, kind: FileKind): string[] {
  return [...new Set(error.issues.map((i) => issueInWords(i, data, kind)))];
}

// ---- The file kinds Vigil reads -----------------------------------------------------------------

const field = (step: PropertyKey | undefined, names: Record<string, string>): string | null =>
  typeof step === 'string' && step in names ? (names[step] as string) : null;

const answerPlace = (path: readonly PropertyKey[], data: unknown, list: string, what: string): string | null => {
  if (path[0] !== list || typeof path[1] !== 'number') return null;
  const entry = valueAt(data, path.slice(0, 2));
  const id = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).questionId ?? (entry as Record<string, unknown>).id : undefined;
  const named = typeof id === 'string' && /^[A-Z0-9-]{1,40}$/.test(id) ? `${what} ${id}` : `${what} number ${path[1] + 1}`;
  const rest = path.slice(2);
  if (rest.length === 0 || rest[0] === 'value') return named;
  return `the "${String(rest[rest.length - 1])}" of ${named}`;
};

export const responseFile: FileKind = {
  name: 'a Vigil vendor response',
  hint: 'Choose the response file the vendor sent back (its name starts with vendor-response- and ends in .json).',
  format: responseFormat,
  describePlace: (path, data) => {
    if (path.length === 1) {
      return field(path[0], {
        requestId: 'the request number',
        nonce: "the request's code (nonce)",
        respondedAt: 'the date of the response',
        signature: 'the signature',
        answers: 'the list of answers',
        evidence: 'the list of evidence files',
        vendor: 'the vendor section',
      });
    }
    if (path[0] === 'vendor' && path.length === 2) return field(path[1], { name: "the vendor's name", publicKey: "the vendor's public key" });
    if (path[0] === 'evidence' && typeof path[1] === 'number') {
      const entry = valueAt(data, path.slice(0, 2));
      const name = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).fileName : undefined;
      const named = typeof name === 'string' && name.length <= 100 ? `the evidence file "${name}"` : `evidence file number ${path[1] + 1}`;
      return path.length === 2 ? named : `the "${String(path[path.length - 1])}" of ${named}`;
    }
    return answerPlace(path, data, 'answers', 'the answer to');
  },
};

export const requestFile: FileKind = {
  name: 'a Vigil request package',
  hint: 'Open the request file the hospital sent you (its name starts with vendor-request- and ends in .json).',
  format: requestFormat,
  describePlace: (path, data) => {
    if (path.length === 1) {
      return field(path[0], {
        requestId: 'the request number',
        nonce: "the request's code (nonce)",
        issuedAt: 'the date the request was issued',
        expiresAt: 'the expiry date',
        signature: 'the signature',
        questions: 'the list of questions',
        system: 'the product section',
        hospital: 'the hospital section',
      });
    }
    if (path[0] === 'hospital' && path.length === 2) return field(path[1], { organisation: "the hospital's name", publicKey: "the hospital's public key" });
    if (path[0] === 'system' && path.length === 2) return `the product's "${String(path[1])}"`;
    return answerPlace(path, data, 'questions', 'question');
  },
};

export const modelCardFile: FileKind = {
  name: 'a CHAI Applied Model Card',
  hint: "Choose the model card's XML file (its top element is <AppliedModelCard>), as published by the vendor.",
  xmlRoot: 'AppliedModelCard',
};
