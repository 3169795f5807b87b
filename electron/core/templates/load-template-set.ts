import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  assessmentStages,
  CalibrationProfile,
  ControlCatalog,
  ModelCardMapping,
  ProfileEffects,
  Questionnaire,
  ReferenceRegistry,
  RiskMatrix,
  ThreatCatalog,
  type TemplateProblem,
  type TemplateSet,
} from '../../contract/index.ts';

export const templateFiles = {
  threats: 'catalog/threats.json',
  controls: 'catalog/controls.json',
  profileEffects: 'catalog/profile-effects.json',
  references: 'catalog/references.json',
  matrix: 'matrices/default.json',
  questionnaires: 'questionnaires',
  mappings: 'mappings',
  calibration: 'calibration',
} as const;

export type LoadResult = { ok: true; set: TemplateSet } | { ok: false; problems: TemplateProblem[] };

/** `sections[2].questions[4].options[0]` — the way a content author reads a JSON path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}

/** Adds the id of the nearest enclosing object to the path, so "questions[4]" becomes findable. */
function describePath(data: unknown, path: readonly PropertyKey[]): string {
  let node: unknown = data;
  let nearestId: string | undefined;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) break;
    node = (node as Record<PropertyKey, unknown>)[key];
    const id = typeof node === 'object' && node !== null ? (node as { id?: unknown }).id : undefined;
    if (typeof id === 'string') nearestId = id;
  }
  const text = formatPath(path) || '(file)';
  return nearestId ? `${text} (${nearestId})` : text;
}

function readJson(dir: string, file: string, problems: TemplateProblem[]): unknown {
  const full = join(dir, file);
  if (!existsSync(full)) {
    problems.push({ file, path: '(file)', rule: 'missing-file', message: 'file not found' });
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(full, 'utf8')) as unknown;
  } catch (error) {
    problems.push({ file, path: '(file)', rule: 'json', message: `not valid JSON: ${(error as Error).message}` });
    return undefined;
  }
}

function parseFile<S extends z.ZodType>(dir: string, file: string, schema: S, problems: TemplateProblem[]): z.output<S> | undefined {
  const data = readJson(dir, file, problems);
  if (data === undefined) return undefined;
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys.join(', ')] : issue.path;
    const message = issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
    problems.push({ file, path: describePath(data, path), rule: 'schema', message });
  }
  return undefined;
}

/**
 * Reads and validates every template file in `dir`. Either the whole set, or every problem
 * found — each naming the file, the path inside it and what is wrong.
 */
export function loadTemplateSet(dir: string): LoadResult {
  const problems: TemplateProblem[] = [];
  const threats = parseFile(dir, templateFiles.threats, ThreatCatalog, problems);
  const controls = parseFile(dir, templateFiles.controls, ControlCatalog, problems);
  const profileEffects = parseFile(dir, templateFiles.profileEffects, ProfileEffects, problems);
  const references = parseFile(dir, templateFiles.references, ReferenceRegistry, problems);
  const matrix = parseFile(dir, templateFiles.matrix, RiskMatrix, problems);

  const questionnaireDir = join(dir, templateFiles.questionnaires);
  const questionnaires: Questionnaire[] = [];
  if (!existsSync(questionnaireDir)) {
    problems.push({ file: templateFiles.questionnaires, path: '(folder)', rule: 'missing-file', message: 'folder not found' });
  } else {
    const names = readdirSync(questionnaireDir).filter((n) => n.endsWith('.json')).sort();
    if (names.length === 0) {
      problems.push({ file: templateFiles.questionnaires, path: '(folder)', rule: 'missing-file', message: 'no questionnaires' });
    }
    for (const name of names) {
      const file = `${templateFiles.questionnaires}/${name}`;
      const q = parseFile(dir, file, Questionnaire, problems);
      if (q && `${q.id}.json` !== name) {
        problems.push({ file, path: 'id', rule: 'file-name', message: `the file of questionnaire "${q.id}" must be named ${q.id}.json` });
      } else if (q) questionnaires.push(q);
    }
  }
  // Mappings are optional: a templates folder without one simply offers no model card import.
  const mappingDir = join(dir, templateFiles.mappings);
  const modelCardMappings: ModelCardMapping[] = [];
  if (existsSync(mappingDir)) {
    for (const name of readdirSync(mappingDir).filter((n) => n.endsWith('.json')).sort()) {
      const file = `${templateFiles.mappings}/${name}`;
      const m = parseFile(dir, file, ModelCardMapping, problems);
      if (m && `${m.id}.json` !== name) {
        problems.push({ file, path: 'id', rule: 'file-name', message: `the file of mapping "${m.id}" must be named ${m.id}.json` });
      } else if (m) modelCardMappings.push(m);
    }
  }
  // Calibration is optional too: reference profiles the linter scores (docs/scoring.md, "Calibration").
  const calibrationDir = join(dir, templateFiles.calibration);
  const calibration: CalibrationProfile[] = [];
  if (existsSync(calibrationDir)) {
    for (const name of readdirSync(calibrationDir).filter((n) => n.endsWith('.json')).sort()) {
      const file = `${templateFiles.calibration}/${name}`;
      const p = parseFile(dir, file, CalibrationProfile, problems);
      if (p && `${p.id}.json` !== name) {
        problems.push({ file, path: 'id', rule: 'file-name', message: `the file of calibration profile "${p.id}" must be named ${p.id}.json` });
      } else if (p) calibration.push(p);
    }
  }
  if (problems.length > 0 || !threats || !controls || !profileEffects || !references || !matrix) {
    return { ok: false, problems };
  }
  // Lifecycle order, the stage's own questionnaire before the vendor's: how people read them.
  questionnaires.sort(
    (a, b) => assessmentStages.indexOf(a.stage) - assessmentStages.indexOf(b.stage) || a.kind.localeCompare(b.kind),
  );
  return { ok: true, set: { threats, controls, profileEffects, references, matrix, questionnaires, modelCardMappings, calibration } };
}

/** Which file a calibration profile came from, for messages. */
export const calibrationFile = (p: { id: string }) => `${templateFiles.calibration}/${p.id}.json`;

/** Which file a questionnaire came from, for messages. */
export const questionnaireFile = (q: Questionnaire) => `${templateFiles.questionnaires}/${q.id}.json`;
