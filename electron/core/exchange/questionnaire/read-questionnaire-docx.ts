import { maxQuestionnaireDocxBytes, plainTextProblem } from '../../../contract/index.ts';
import { DomainError } from '../../domain-error.ts';
import { untrustedZipTexts } from '../../export/word/docx-zip.ts';
import { parseXml, type XmlElement } from '../model-card/parse-xml.ts';
import { screenXml } from '../model-card/screen-xml.ts';
import {
  answerPlaceholder,
  declarationFields,
  fieldOfBookmark,
  fieldOfTag,
  nonceProperty,
  requestProperty,
  type DeclarationKey,
  type FieldName,
} from './questionnaire-fields.ts';

/** One content control of a returned questionnaire: what it answers and what it holds. */
export type ReadField = { field: FieldName; checked: boolean; text: null } | { field: FieldName; checked: null; text: string };

export interface ReadQuestionnaire {
  requestId: string;
  nonce: string;
  fields: ReadField[];
  /** The declaration as filled in (empty strings when left blank). */
  declaration: Record<DeclarationKey, string>;
}

const documentPart = 'word/document.xml';
const customPart = 'docProps/custom.xml';
/** A questionnaire's parts are far smaller; the limits stop a zip bomb or a huge part early. */
const zipLimits = { maxEntries: 2000, maxEntryBytes: 30 * 1024 * 1024 };
/** LibreOffice writes properties on every run: 98 questions come to about 30,000 elements. */
const maxDocumentElements = 500_000;

const refused = (why: string, details: Record<string, unknown> = {}) =>
  new DomainError('PACKAGE_MALFORMED', `This file is not a Vigil Word questionnaire that can be read back: ${why}`, details);

/** What the first bytes say a file is, for a refusal people understand. */
function notADocx(bytes: Buffer): string | null {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return null;
  if (bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'it is an old Word .doc file; open it and save it as a Word document (.docx).';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'it is a PDF; the answers are read from the boxes of the .docx, so return the .docx itself.';
  return 'it is not a Word document (.docx).';
}

const localAttr = (e: XmlElement, local: string): string | undefined => e.attributes.find(([name]) => name === local || name.endsWith(`:${local}`))?.[1];
const child = (e: XmlElement, name: string): XmlElement | undefined => e.children.find((c) => c.name === name);
const hasDescendant = (e: XmlElement, name: string): boolean => e.children.some((c) => c.name === name || hasDescendant(c, name));

/** The text a control holds, as typed: line breaks and paragraphs as new lines, tabs as tabs. */
function textOf(e: XmlElement): string {
  if (e.name === 't') return e.text;
  if (e.name === 'br' || e.name === 'cr') return '\n';
  if (e.name === 'tab') return '\t';
  if (e.name === 'delText' || e.name === 'instrText' || e.name === 'rPr' || e.name === 'pPr') return '';
  const parts = e.children.map(textOf);
  return e.children.some((c) => c.name === 'p') ? e.children.filter((c) => c.name === 'p').map(textOf).join('\n') : parts.join('');
}

type Named = { kind: 'field'; field: FieldName } | { kind: 'declaration'; key: DeclarationKey };

function nameOfTag(tag: string): Named | null {
  const declaration = declarationFields.find((d) => d.tag === tag);
  if (declaration) return { kind: 'declaration', key: declaration.key };
  const field = fieldOfTag(tag);
  return field && { kind: 'field', field };
}

function nameOfBookmark(name: string): Named | null {
  const declaration = declarationFields.find((d) => d.bookmark === name);
  if (declaration) return { kind: 'declaration', key: declaration.key };
  const field = fieldOfBookmark(name);
  return field && { kind: 'field', field };
}

/**
 * Every named content control, in document order. A control's name is its tag (Word keeps
 * it), else our bookmark just inside it, else the bookmark whose range it lies in (LibreOffice
 * drops tags but keeps bookmarks, moving them into or just before the control, and sometimes
 * wraps a control in another one), so bookmarks are followed as they open and close.
 */
function readControls(document: XmlElement): { fields: ReadField[]; declaration: Record<DeclarationKey, string> } {
  const fields: ReadField[] = [];
  const declaration: Record<DeclarationKey, string> = { name: '', position: '', organisation: '', date: '' };
  const seen = new Set<string>();
  /** Our bookmarks open at this point of the document, by bookmark id, in the order they opened. */
  const open = new Map<string, Named>();
  const nameOf = (sdt: XmlElement, content: XmlElement): Named | null => {
    const tag = child(child(sdt, 'sdtPr') ?? sdt, 'tag');
    const tagged = tag && nameOfTag(localAttr(tag, 'val') ?? '');
    if (tagged) return tagged;
    for (const start of content.children.filter((c) => c.name === 'bookmarkStart')) {
      const named = nameOfBookmark(localAttr(start, 'name') ?? '');
      if (named) return named;
    }
    const last = [...open.keys()].at(-1);
    if (last === undefined) return null;
    const named = open.get(last) ?? null;
    // A bookmark names one control.
    open.delete(last);
    return named;
  };
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === 'bookmarkStart') {
        const named = nameOfBookmark(localAttr(c, 'name') ?? '');
        if (named) open.set(localAttr(c, 'id') ?? '', named);
        continue;
      }
      if (c.name === 'bookmarkEnd') {
        open.delete(localAttr(c, 'id') ?? '');
        continue;
      }
      if (c.name !== 'sdt') {
        walk(c);
        continue;
      }
      const content = child(c, 'sdtContent');
      if (!content) continue;
      // A control that holds other controls (LibreOffice's wrapper) is not an answer itself.
      if (hasDescendant(content, 'sdt')) {
        walk(content);
        continue;
      }
      const named = nameOf(c, content);
      if (!named) continue;
      const key = named.kind === 'declaration' ? `declaration ${named.key}` : JSON.stringify(named.field);
      if (seen.has(key)) throw refused(`it has a box twice (${named.kind === 'declaration' ? `the declaration's ${named.key}` : named.field.questionId}); boxes must not be copied. Ask the vendor to answer in the questionnaire as sent.`);
      seen.add(key);
      const checkbox = child(child(c, 'sdtPr') ?? c, 'checkbox');
      const typed = textOf(content).trim();
      const text = typed === answerPlaceholder ? '' : typed;
      if (named.kind === 'declaration') declaration[named.key] = text;
      else if (checkbox) {
        const state = localAttr(child(checkbox, 'checked') ?? checkbox, 'val');
        fields.push({ field: named.field, checked: state === '1' || state === 'true', text: null });
      } else fields.push({ field: named.field, checked: null, text });
    }
  };
  walk(document);
  return { fields, declaration };
}

function properties(xml: string): Map<string, string> {
  const root = parseXml(xml, { what: 'The questionnaire’s document properties' });
  return new Map(root.children.filter((p) => p.name === 'property').map((p) => [localAttr(p, 'name') ?? '', p.children.map((v) => v.text).join('')] as const));
}

/**
 * A filled-in Word questionnaire read safely: the size cap, the zip read with entry and
 * unpacked-size limits, each XML part screened (no DTD, entities or processing instructions)
 * and parsed by the small strict reader, then the request id, nonce and every named content
 * control. Nothing is checked against the database here.
 */
export function readQuestionnaireDocx(bytes: Buffer): ReadQuestionnaire {
  if (bytes.length > maxQuestionnaireDocxBytes) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `The file is ${(bytes.length / 1048576).toFixed(1)} MB; a Word questionnaire may be at most ${maxQuestionnaireDocxBytes / 1048576} MB.`, { size: bytes.length });
  }
  const kind = notADocx(bytes);
  if (kind) throw refused(kind);
  let parts: Map<string, string>;
  try {
    parts = untrustedZipTexts(bytes, [documentPart, customPart], zipLimits);
  } catch (error) {
    throw refused(`${(error as Error).message}.`);
  }
  const documentXml = parts.get(documentPart);
  if (documentXml === undefined) throw refused('it has no document body (word/document.xml); it may be another kind of Office file.');
  const customXml = parts.get(customPart);
  const props = customXml === undefined ? new Map<string, string>() : (screenXml(customXml, 'The questionnaire’s document properties'), properties(customXml));
  const requestId = props.get(requestProperty);
  const nonce = props.get(nonceProperty);
  if (!requestId || !nonce) {
    throw new DomainError(
      'REQUEST_UNKNOWN',
      'This Word document does not carry the reference and check code of a Vigil request (its document properties were removed, or it is not a questionnaire Vigil wrote). Ask the vendor to fill in the questionnaire as sent.',
      {},
    );
  }
  screenXml(documentXml, 'The questionnaire’s body', zipLimits.maxEntryBytes);
  const document = parseXml(documentXml, { what: 'The questionnaire’s body', maxElements: maxDocumentElements });
  const read = { requestId, nonce, ...readControls(document) };
  refuseNonPlainText(read);
  return read;
}

/** The one rule for text from outside (contract/plain-text.ts), on every answer and declaration field. */
function refuseNonPlainText(read: ReadQuestionnaire): void {
  const texts: [string, string][] = [
    ...read.fields.flatMap((f): [string, string][] => (f.text === null ? [] : [[`the answer to ${f.field.questionId}`, f.text]])),
    ...Object.entries(read.declaration).map(([key, text]): [string, string] => [`the declaration's ${key}`, text]),
  ];
  for (const [place, text] of texts) {
    const problem = plainTextProblem(text);
    if (problem) {
      throw new DomainError('VALIDATION_FAILED', `This Word questionnaire cannot be imported: ${place} ${problem.message}. Nothing was written; ask the vendor to retype it.`, { place });
    }
  }
}
