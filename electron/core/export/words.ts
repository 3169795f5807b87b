import {
  assessmentStatusLabels,
  decisionKindLabels,
  decisionLabels,
  documentStatusLabels,
  lifecycleLabels,
  recommendationLabels,
  riskStatusLabels,
  roleLabels,
  stageLabels,
  treatmentKindLabels,
} from '../../contract/index.ts';

/*
 * The register's words for the model's values, all from the one label map
 * (electron/contract/labels.ts). The model carries some values as codes (a stage, a status, a
 * role) and some already in words (the collector words a risk's status); each helper accepts
 * either, so a value is shown in words whichever the collector sent, and a code never reaches
 * the page.
 */

const wordsFrom =
  (...maps: Readonly<Record<string, string>>[]) =>
  (value: string): string => {
    for (const map of maps) if (Object.hasOwn(map, value)) return map[value] ?? value;
    return value;
  };

/** An assessment stage ("use" → "Routine use") or a system's lifecycle stage ("inUse" → "In use"). */
export const stageWords = wordsFrom(stageLabels, lifecycleLabels);
export const lifecycleWords = wordsFrom(lifecycleLabels, stageLabels);
export const assessmentStatusWords = wordsFrom(assessmentStatusLabels);
export const riskStatusWords = wordsFrom(riskStatusLabels);
export const roleWords = wordsFrom(roleLabels);
export const decisionWords = wordsFrom(decisionLabels);
export const treatmentWords = wordsFrom(treatmentKindLabels);
export const recommendationWords = wordsFrom(recommendationLabels);
export const decisionKindWords = wordsFrom(decisionKindLabels);
export const documentStatusWords = wordsFrom(documentStatusLabels);

/**
 * An assessment named from its parts, once: "Routine use assessment". Never the stored title
 * with the system's name appended, which is how "procurement assessment of ambient clinical
 * scribe of Ambient clinical scribe" came about.
 */
export const assessmentName = (stage: string): string => `${stageWords(stage)} assessment`;

/**
 * A register of selected risks says so wherever a reader could take it for the whole register
 * (cover, decision summary, the register table): "Selected risks: 37 of 412. …".
 */
export const selectionWords = (selection: { risks: number; of: number }): string =>
  `Selected risks: ${selection.risks.toLocaleString('en-GB')} of ${selection.of.toLocaleString('en-GB')}. This document holds only the risks selected for it, not the whole risk register.`;

/** "Dr A. Osei (Committee chair)"; the name alone when there is no role. */
export const personWithRole = (name: string, role: string): string => (role ? `${name} (${roleWords(role)})` : name);
