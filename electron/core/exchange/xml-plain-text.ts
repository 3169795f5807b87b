import { plainTextProblem, type TextProblem } from '../../contract/index.ts';
import type { XmlElement } from './model-card/parse-xml.ts';

/**
 * The first text in an XML tree (character data or attribute value) that breaks the one rule for
 * text from outside (contract/plain-text.ts), with the element it is in; null when all is plain.
 * The XML reader has already refused what XML itself forbids; this refuses what XML allows but
 * a record must not hold (bidirectional controls, C1 controls, noncharacters).
 */
export function findNonPlainXmlText(root: XmlElement): { element: string; attribute: string | null; problem: TextProblem } | null {
  const problem = plainTextProblem(root.text);
  if (problem) return { element: root.name, attribute: null, problem };
  for (const [name, value] of root.attributes) {
    const inValue = plainTextProblem(value);
    if (inValue) return { element: root.name, attribute: name, problem: inValue };
  }
  for (const child of root.children) {
    const found = findNonPlainXmlText(child);
    if (found) return found;
  }
  return null;
}
