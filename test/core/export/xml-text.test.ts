// The register body is written by word/xml-text.ts instead of docx's serialiser: for the same
// elements it must write the same bytes docx does.
import { Document, Packer } from 'docx';
import { describe, expect, it } from 'vitest';
import { body, bullets, factTable, headerRow } from '../../../electron/core/export/word/blocks.ts';
import { cell, LazyBlocks, para, row, RunWriter, table, textCell, textPara, type Xml } from '../../../electron/core/export/word/ooxml.ts';
import { Outline } from '../../../electron/core/export/word/outline.ts';
import { blocksXml, xmlText } from '../../../electron/core/export/word/xml-text.ts';
import { docxPart } from '../../support/read-docx.ts';
import { reportStyle } from '../../support/register-model-fixture.ts';

function sampleBlocks(): Xml[] {
  const style = reportStyle();
  const outline = new Outline();
  return [
    outline.heading(1, 'Heading <one> & "two"', true),
    outline.heading(3, 'مرحبا بالعالم'),
    body(`  leading spaces, 'quotes' & <tags>, emoji 🩺👩‍⚕️, a\u0007bell`),
    para(new RunWriter().text('Label', { style: 'Label' }).br().text('line one\nline two\tafter tab', { bold: true, colour: 'C92A2A' }).runs),
    para([]),
    ...bullets([]),
    ...bullets(['one', 'שלום two']),
    factTable([['Ledger head', 'abc'], ['Scope', 'All & everything']], [2000, 3000], style, ['Ledger head']),
    table(
      [1000, 2000, 3000],
      [headerRow(['A', 'B', 'C'], style), row([textCell('x'), textCell('High', { bold: true, colour: 'FFFFFF' }, 'C92A2A'), cell([])], 'split'), row([cell([textPara('1', { align: 'center' })], 'F08C00', 'center'), textCell(''), textCell('z')])],
      { border: 'FFFFFF', centred: true },
    ),
  ];
}

describe('xmlText', () => {
  it('writes exactly what docx writes for the same elements', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new LazyBlocks(sampleBlocks)] }] }));
    const xml = docxPart(docx);
    const fromDocx = xml.slice(xml.indexOf('<w:body>') + '<w:body>'.length, xml.indexOf('<w:sectPr'));
    expect(sampleBlocks().map(xmlText).join('')).toBe(fromDocx);
    expect((await blocksXml(sampleBlocks())).toString('utf8')).toBe(fromDocx);
  });
});
