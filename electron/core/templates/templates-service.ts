import type { CalibrationReport, Catalog, Coverage, LintResult, Questionnaire, TemplateList, TemplateSet } from '../../contract/index.ts';
import { DomainError } from '../domain-error.ts';
import { scoreCalibration } from './calibration.ts';
import { computeCoverage } from './coverage.ts';
import { lintTemplateSet } from './lint-template-set.ts';
import { loadTemplateSet, type LoadResult } from './load-template-set.ts';

export interface TemplatesService {
  /** The loaded set; throws TEMPLATES_INVALID when the installed templates do not load. */
  set(): TemplateSet;
  list(): TemplateList;
  get(id: string): Questionnaire;
  catalog(): Catalog;
  coverage(): Coverage;
  lint(): LintResult;
  /** The calibration table: each reference profile's answer sets scored, expected band against scored. */
  calibration(): CalibrationReport;
}

/** Loads templates/ once, at start; the content is read-only while the app runs. */
export function createTemplatesService(templatesDir: string): TemplatesService {
  const loaded: LoadResult = loadTemplateSet(templatesDir);
  const set = (): TemplateSet => {
    if (loaded.ok) return loaded.set;
    const first = loaded.problems[0];
    throw new DomainError(
      'TEMPLATES_INVALID',
      `The assessment templates in ${templatesDir} failed to load (${loaded.problems.length} problem(s); first: ${first?.file}: ${first?.path}: ${first?.message}). Run "vigil templates lint" for the full list.`,
      { problems: loaded.problems },
    );
  };
  let coverage: Coverage | null = null;
  let calibration: CalibrationReport | null = null;

  return {
    set,
    list() {
      const s = set();
      const questionnaires = s.questionnaires.map((q) => {
          const questions = q.sections.flatMap((sec) => sec.questions);
          return {
            id: q.id,
            version: q.version,
            stage: q.stage,
            kind: q.kind,
            title: q.title,
            description: q.description,
            sections: q.sections.length,
            questions: questions.length,
            requiredQuestions: questions.filter((x) => x.required).length,
            vendorQuestions: questions.filter((x) => x.vendorAnswerable).length,
            branchingQuestions: questions.filter((x) => x.showIf !== undefined).length,
          };
        });
      return {
        questionnaires,
        counts: {
          threats: s.threats.threats.length,
          controls: s.controls.controls.length,
          profileRules: s.profileEffects.rules.length,
          references: s.references.items.length,
          questionnaires: questionnaires.length,
          questions: questionnaires.reduce((n, q) => n + q.questions, 0),
          vendorQuestions: questionnaires.reduce((n, q) => n + q.vendorQuestions, 0),
        },
        catalogVersions: { threats: s.threats.version, controls: s.controls.version, matrix: s.matrix.version },
      };
    },
    get(id) {
      const q = set().questionnaires.find((x) => x.id === id);
      if (!q) throw new DomainError('NOT_FOUND', `No questionnaire with id "${id}".`, { id });
      return q;
    },
    catalog() {
      const s = set();
      return { threats: s.threats, controls: s.controls, profileEffects: s.profileEffects, references: s.references, matrix: s.matrix };
    },
    coverage() {
      coverage ??= computeCoverage(set());
      return coverage;
    },
    calibration() {
      calibration ??= scoreCalibration(set());
      return calibration;
    },
    lint() {
      const problems = loaded.ok ? lintTemplateSet(loaded.set) : loaded.problems;
      return { ok: problems.length === 0, problems };
    },
  };
}
