/*
 * How the Word questionnaire for vendors names its content controls, so they can be read back
 * (issue 17). One rule, used by the writer and the reader.
 *
 * Each control carries its name twice, because the two programs a vendor fills it in with keep
 * different things. Word keeps a content control's tag (w:tag); LibreOffice 7.4 drops every
 * tag, alias and id when it saves a .docx but keeps bookmarks (it moves a bookmark that
 * surrounds a control into the control's content). So a control is named by its tag and by a
 * bookmark around it; the reader takes the tag when there is one, the bookmark otherwise.
 *
 *   tag          bookmark               what
 *   PR-GOV-01    vq_PR_GOV_01_t         the text control of a text, number or date question
 *   PR-GOV-01=v  vq_PR_GOV_01_o2        the check box of option v (the third option)
 *   PR-GOV-01:?  vq_PR_GOV_01_dk        the "I don't know" check box
 *
 * Bookmark names may hold only letters, digits and underscores (at most 40), so they carry
 * the option's position rather than its value; the question ids' hyphens become underscores
 * (ids are two capitals, capitals, two digits, so that is reversible).
 */

/** What one content control answers. */
export type FieldName = { questionId: string; kind: 'text' } | { questionId: string; kind: 'option'; value: string } | { questionId: string; kind: 'option'; index: number } | { questionId: string; kind: 'unknown' };

const unknownSuffix = ':?';
const questionId = /^[A-Z]{2}-[A-Z]+-\d{2}$/;

export function tagOf(field: FieldName): string {
  if (field.kind === 'text') return field.questionId;
  if (field.kind === 'unknown') return `${field.questionId}${unknownSuffix}`;
  if ('value' in field) return `${field.questionId}=${field.value}`;
  throw new Error('an option tag names its value');
}

export function bookmarkOf(field: FieldName): string {
  const base = `vq_${field.questionId.replace(/-/g, '_')}`;
  if (field.kind === 'text') return `${base}_t`;
  if (field.kind === 'unknown') return `${base}_dk`;
  if ('index' in field) return `${base}_o${field.index}`;
  throw new Error('an option bookmark names its position');
}

/** The field a tag names, or null when the tag is not one of ours. */
export function fieldOfTag(tag: string): FieldName | null {
  if (tag.endsWith(unknownSuffix)) {
    const id = tag.slice(0, -unknownSuffix.length);
    return questionId.test(id) ? { questionId: id, kind: 'unknown' } : null;
  }
  const [id = '', value, ...rest] = tag.split('=');
  if (!questionId.test(id) || rest.length > 0) return null;
  if (value === undefined) return { questionId: id, kind: 'text' };
  return /^[a-zA-Z][a-zA-Z0-9_-]*$/.test(value) ? { questionId: id, kind: 'option', value } : null;
}

/** The field a bookmark names, or null when the bookmark is not one of ours. */
export function fieldOfBookmark(name: string): FieldName | null {
  const match = /^vq_([A-Z]{2})_([A-Z]+)_(\d{2})_(t|dk|o\d{1,2})$/.exec(name);
  if (!match) return null;
  const id = `${match[1]}-${match[2]}-${match[3]}`;
  const what = match[4] as string;
  if (what === 't') return { questionId: id, kind: 'text' };
  if (what === 'dk') return { questionId: id, kind: 'unknown' };
  return { questionId: id, kind: 'option', index: Number(what.slice(1)) };
}

/** The text an empty text control shows (Word's own words); read back as "not answered". */
export const answerPlaceholder = 'Click or tap here to enter text.';

/** The custom document properties that tie a questionnaire to its request (Word and LibreOffice both keep them). */
export const requestProperty = 'VigilRequestId';
export const nonceProperty = 'VigilNonce';

/** The declaration's text controls: who answered, for the preview and the ledger. */
export const declarationFields = [
  { key: 'name', tag: 'declaration-name', bookmark: 'vd_name' },
  { key: 'position', tag: 'declaration-position', bookmark: 'vd_position' },
  { key: 'organisation', tag: 'declaration-organisation', bookmark: 'vd_organisation' },
  { key: 'date', tag: 'declaration-date', bookmark: 'vd_date' },
] as const;
export type DeclarationKey = (typeof declarationFields)[number]['key'];
