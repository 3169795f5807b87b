// Fills in a Word questionnaire for vendors as a script would, through its content controls:
// ticks check boxes (w14:checked and the ☐/☒ glyph) and types into text controls (its
// placeholder flag removed), found by their tags. Direct XML editing of the w:sdt elements.
import { replaceZipEntry, zipEntryText } from '../../electron/core/export/word/docx-zip.ts';

export interface Filling {
  /** Tags of the check boxes to tick: "PR-GOV-01=yes", "PR-GOV-01:?" for I don't know. */
  tick?: readonly string[];
  /** Text to type, by the text control's tag ("PR-GOV-02", "declaration-name"); new lines become line breaks. */
  type?: Readonly<Record<string, string>>;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The document.xml of `docx` with the filling applied; every tag named must exist. */
export function fillXml(xml: string, filling: Filling): string {
  const pending = new Set([...(filling.tick ?? []), ...Object.keys(filling.type ?? {})]);
  const out = xml.replace(/<w:sdt>(?:(?!<\/w:sdt>)[\s\S])*<\/w:sdt>/g, (sdt) => {
    const tag = /<w:tag w:val="([^"]*)"\/>/.exec(sdt)?.[1] ?? '';
    if (filling.tick?.includes(tag)) {
      pending.delete(tag);
      return sdt.replace('<w14:checked w14:val="0"/>', '<w14:checked w14:val="1"/>').replace('☐', '☒');
    }
    const typed = filling.type?.[tag];
    if (typed !== undefined) {
      pending.delete(tag);
      const runs = typed
        .split('\n')
        .map((line) => `<w:t xml:space="preserve">${escape(line)}</w:t>`)
        .join('<w:br/>');
      return sdt.replace('<w:showingPlcHdr/>', '').replace(/<w:sdtContent>[\s\S]*<\/w:sdtContent>/, `<w:sdtContent><w:r>${runs}</w:r></w:sdtContent>`);
    }
    return sdt;
  });
  if (pending.size > 0) throw new Error(`no content control tagged ${[...pending].join(', ')}`);
  return out;
}

/** `docx` filled in through its content controls. */
export async function fillQuestionnaire(docx: Uint8Array, filling: Filling): Promise<Uint8Array> {
  const xml = fillXml(zipEntryText(docx, 'word/document.xml'), filling);
  return replaceZipEntry(docx, 'word/document.xml', [Buffer.from(xml, 'utf8')]);
}

/** Replaces document.xml outright (for refusals: a copied box, a removed tag). */
export async function withDocumentXml(docx: Uint8Array, edit: (xml: string) => string): Promise<Uint8Array> {
  return replaceZipEntry(docx, 'word/document.xml', [Buffer.from(edit(zipEntryText(docx, 'word/document.xml')), 'utf8')]);
}
