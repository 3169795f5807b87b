import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calibrationMarkdown } from '../../../electron/cli/commands/templates.ts';
import { CalibrationProfile, type TemplateProblem, type TemplateSet } from '../../../electron/contract/index.ts';
import { lintCalibration, scoreCalibration, scoreCalibrationProfile } from '../../../electron/core/templates/calibration.ts';
import { lintTemplatesDir } from '../../../electron/core/templates/lint-template-set.ts';
import { loadTemplateSet } from '../../../electron/core/templates/load-template-set.ts';
import { repoRoot, tempDir } from '../../support/core-fixture.ts';
import { writeCalibration, type CalibrationFixture } from '../../support/calibration-fixture.ts';
import { minimalTemplates, writeTemplates, type TemplateFixture } from '../../support/template-fixture.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('vigil-calibration-'));
});
afterEach(() => cleanup());

const fixtureProfile = (name: CalibrationFixture) =>
  JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'calibration', `${name}.json`), 'utf8')) as Record<string, unknown>;

function loadWith(names: readonly CalibrationFixture[], mutate: (t: TemplateFixture) => void = () => {}): TemplateSet {
  const t = minimalTemplates();
  mutate(t);
  writeCalibration(writeTemplates(dir, t), names);
  const loaded = loadTemplateSet(dir);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems, null, 2));
  return loaded.set;
}

/** The schema's problems with one profile file, as the loader reports them: "file: path: message". */
function loadProblems(profile: unknown, name = 'broken'): string[] {
  writeTemplates(dir, minimalTemplates());
  rmSync(join(dir, 'calibration'), { recursive: true, force: true });
  writeCalibration(dir, []);
  writeFileSync(join(dir, 'calibration', `${name}.json`), JSON.stringify(profile));
  const loaded = loadTemplateSet(dir);
  expect(loaded.ok).toBe(false);
  return loaded.ok ? [] : loaded.problems.map((p) => `${p.file}: ${p.path}: ${p.message} [${p.rule}]`);
}

const rules = (problems: readonly TemplateProblem[]) => problems.map((p) => p.rule).sort();

describe('calibration profile format', () => {
  it('accepts the documented example shape, shorthand and full answers', () => {
    const parsed = CalibrationProfile.parse(fixtureProfile('fixture-cloud'));
    expect(parsed.answerSets.map((s) => s.id)).toEqual(['weak', 'strong']);
    expect(parsed.answerSets[1]?.answers['PR-GOV-02']).toEqual({ value: 'all', source: 'vendor', evidenceVerified: true });
  });

  it('names the file and the path of each problem, in words', () => {
    const profile = fixtureProfile('fixture-cloud');
    profile.id = 'broken';
    profile.cases = [];
    (profile.system as Record<string, unknown>).deploymentType = 'mainframe';
    delete (profile.system as Record<string, unknown>).worstCredibleHarm;
    const weak = (profile.answerSets as Record<string, unknown>[])[0] as Record<string, Record<string, unknown>>;
    weak.answers = {
      'PR-GOV-01': { value: 'no', source: 'someone' },
      'PR-GOV-02': {},
      'pr-gov-3': 'yes',
      'PR-GOV-04': true,
      'PR-GOV-05': { value: 'no', colour: 'red' },
      'PR-GOV-06': { value: 'yes', transcribed: true, source: 'assessor' },
    };
    weak.expected = { 'T-ONE': 'High', drift: 'high' };
    const text = loadProblems(profile);
    const expected = [
      'calibration/broken.json: cases: cases must name at least one published case the answers are written from [schema]',
      'calibration/broken.json: system.deploymentType: deploymentType must be one of: vendorCloud, onPremises, embeddedDevice [schema]',
      'calibration/broken.json: system.worstCredibleHarm: worstCredibleHarm is required [schema]',
      'calibration/broken.json: answerSets[0].answers.PR-GOV-01.source (weak): source must be one of: assessor, vendor [schema]',
      'calibration/broken.json: answerSets[0].answers.PR-GOV-02 (weak): an answer is exactly one of: a value, "unknown": true or "notApplicable": true [schema]',
      'calibration/broken.json: answerSets[0].answers.pr-gov-3 (weak): not a question id (they look like PR-GOV-01) [schema]',
      expect.stringMatching(/^calibration\/broken\.json: answerSets\[0\]\.answers\.PR-GOV-04 \(weak\): an answer is a value \("yes", \["a", "b"\], 12\) or \{ value/),
      'calibration/broken.json: answerSets[0].answers.PR-GOV-05 (weak): unknown field(s): colour [schema]',
      "calibration/broken.json: answerSets[0].answers.PR-GOV-06.transcribed (weak): a transcribed answer is the vendor's claim: leave source out or make it vendor [schema]",
      'calibration/broken.json: answerSets[0].expected.T-ONE (weak): a band is a band id of the risk matrix, e.g. "high" [schema]',
      'calibration/broken.json: answerSets[0].expected.drift (weak): not a threat id (they look like T-DRIFT) [schema]',
    ];
    for (const line of expected) expect(text).toContainEqual(line);
    expect(text).toHaveLength(expected.length);
  });

  it('refuses a profile with no answer sets, a repeated answer set id and a file named after another id', () => {
    const profile = fixtureProfile('fixture-cloud');
    expect(loadProblems({ ...profile, answerSets: [] }, 'fixture-cloud')).toEqual([
      'calibration/fixture-cloud.json: answerSets: a profile needs at least one answer set [schema]',
    ]);
    const sets = profile.answerSets as Record<string, unknown>[];
    expect(loadProblems({ ...profile, answerSets: [sets[0], { ...sets[1], id: 'weak' }] }, 'fixture-cloud')).toEqual([
      'calibration/fixture-cloud.json: answerSets[1].id (weak): answer set id "weak" is used more than once [schema]',
    ]);
    expect(loadProblems(profile, 'other-name')).toEqual([
      'calibration/other-name.json: id: the file of calibration profile "fixture-cloud" must be named fixture-cloud.json [file-name]',
    ]);
  });

  it('is optional: a templates folder without calibration/ loads with no profiles', () => {
    writeTemplates(dir, minimalTemplates());
    const loaded = loadTemplateSet(dir);
    expect(loaded.ok && loaded.set.calibration).toEqual([]);
  });
});

describe('scoring a reference profile', () => {
  it('scores each answer set with scoring model 2 and reports the band and levels of each expected threat', () => {
    const set = loadWith(['fixture-cloud']);
    const report = scoreCalibration(set);
    expect(report.ok).toBe(true);
    const [profile] = report.profiles;
    expect(profile).toMatchObject({ id: 'fixture-cloud', file: 'calibration/fixture-cloud.json', stage: 'procurement', ok: true });
    const [weak, strong] = profile?.answerSets ?? [];
    // Weak: base 2 + cloud 1 + "no" 1 = likelihood 4, impact 3 → 12, High; T-TWO untouched, 3 × 4.
    expect(weak?.threats).toEqual([
      { threatId: 'T-ONE', name: 'One', expected: 'high', expectedLabel: 'High', scored: { band: 'high', label: 'High', likelihood: 4, impact: 3, score: 12 }, ok: true },
      { threatId: 'T-TWO', name: 'Two', expected: 'high', expectedLabel: 'High', scored: { band: 'high', label: 'High', likelihood: 3, impact: 4, score: 12 }, ok: true },
    ]);
    // Strong: encryption takes T-ONE to likelihood 2; trained clinicians (a vendor claim with checked evidence, so full) T-TWO to impact 2.
    expect(strong?.threats.map((t) => [t.threatId, t.scored?.likelihood, t.scored?.impact, t.ok])).toEqual([
      ['T-ONE', 2, 3, true],
      ['T-TWO', 3, 2, true],
    ]);
    expect(strong?.answerProblems).toEqual([]);
  });

  it('ranks every threat of the catalog by residual score, highest first', () => {
    const set = loadWith(['fixture-mismatch']);
    const [weak] = scoreCalibration(set).profiles[0]?.answerSets ?? [];
    expect(weak?.ranking).toEqual([
      { threatId: 'T-TWO', name: 'Two', band: 'high', likelihood: 3, impact: 4, score: 12 },
      { threatId: 'T-ONE', name: 'One', band: 'low', likelihood: 3, impact: 3, score: 9 },
    ]);
  });

  it('scores a vendor claim without checked evidence at half strength, as an assessment would', () => {
    const set = loadWith([]);
    const profile = CalibrationProfile.parse(fixtureProfile('fixture-cloud'));
    const strong = profile.answerSets[1]!;
    strong.answers['PR-GOV-02'] = { value: 'all', source: 'vendor' };
    const [, scored] = scoreCalibrationProfile(set, profile).answerSets;
    // Severity −2 at half strength: impact 4 − 1 = 3, so T-TWO is 3 × 3 = 9.
    expect(scored?.threats.find((t) => t.threatId === 'T-TWO')?.scored).toMatchObject({ likelihood: 3, impact: 3, score: 9 });
    // PR-GOV-02 is not a vendor question: a transcribed vendor claim for it is refused, not scored.
    strong.answers['PR-GOV-02'] = { value: 'all', transcribed: true };
    const [, transcribed] = scoreCalibrationProfile(set, profile).answerSets;
    expect(transcribed?.answerProblems).toEqual([
      { questionId: 'PR-GOV-02', message: "PR-GOV-02 is not a vendor question, so its answer cannot be the vendor's claim, transcribed" },
    ]);
    expect(transcribed?.ok).toBe(false);
  });

  it('counts "I don\'t know" as the least safe answer', () => {
    const set = loadWith([]);
    const profile = CalibrationProfile.parse(fixtureProfile('fixture-mismatch'));
    profile.answerSets[0]!.answers = { 'PR-GOV-01': { unknown: true } };
    const [weak] = scoreCalibrationProfile(set, profile).answerSets;
    expect(weak?.threats.find((t) => t.threatId === 'T-ONE')?.scored).toMatchObject({ likelihood: 3, impact: 3 });
  });

  it('is deterministic', () => {
    const set = loadWith(['fixture-cloud', 'fixture-mismatch', 'fixture-bad-answer']);
    expect(scoreCalibration(set)).toEqual(scoreCalibration(set));
  });
});

describe('calibration lint rules', () => {
  it('passes a profile whose table matches the content', () => {
    writeCalibration(writeTemplates(dir, minimalTemplates()), ['fixture-cloud']);
    expect(lintTemplatesDir(dir)).toEqual({ ok: true, problems: [] });
  });

  it('reports each band the content no longer reproduces, with the scored levels', () => {
    writeCalibration(writeTemplates(dir, minimalTemplates()), ['fixture-mismatch']);
    expect(lintTemplatesDir(dir).problems).toEqual([
      {
        file: 'calibration/fixture-mismatch.json',
        path: 'answerSets[0].expected.T-ONE (weak)',
        rule: 'calibration-mismatch',
        message: 'fixture-mismatch / weak: T-ONE expected High, scored Low (likelihood 3, impact 3)',
      },
    ]);
  });

  it('reports a change to the content that moves a band', () => {
    // T-TWO's typical impact lowered from 4 to 3: the weak answer set's T-TWO is no longer High.
    const t = minimalTemplates();
    t.threats.threats[1]!.baseImpact = 3;
    writeCalibration(writeTemplates(dir, t), ['fixture-cloud']);
    expect(lintTemplatesDir(dir).problems.map((p) => `${p.rule}: ${p.message}`)).toEqual([
      'calibration-mismatch: fixture-cloud / weak: T-TWO expected High, scored Low (likelihood 3, impact 3)',
    ]);
  });

  it('reports answers that cannot be scored as written, and expected threats or bands that do not exist', () => {
    writeCalibration(writeTemplates(dir, minimalTemplates()), ['fixture-bad-answer']);
    const problems = lintTemplatesDir(dir).problems;
    expect(rules(problems)).toEqual(['calibration-answer', 'calibration-answer', 'calibration-answer', 'calibration-answer', 'calibration-threat', 'calibration-threat']);
    const text = problems.map((p) => `${p.file}: ${p.path}: ${p.message}`);
    expect(text).toEqual([
      'calibration/fixture-bad-answer.json: answerSets[0].answers.PR-GOV-01 (typos): fixture-bad-answer / typos: PR-GOV-01: "maybe" is not one of the options (yes, no)',
      'calibration/fixture-bad-answer.json: answerSets[0].answers.VA-GOV-01 (typos): fixture-bad-answer / typos: VA-GOV-01 is not a question of the procurement questionnaires',
      'calibration/fixture-bad-answer.json: answerSets[0].expected.T-GONE (typos): fixture-bad-answer / typos: T-GONE is not a threat of the catalog',
      'calibration/fixture-bad-answer.json: answerSets[0].expected.T-ONE (typos): fixture-bad-answer / typos: T-ONE expects "severe", which is not a band of the risk matrix (low, high)',
      'calibration/fixture-bad-answer.json: answerSets[1].answers.PR-GOV-01 (not-offered): fixture-bad-answer / not-offered: PR-GOV-01 cannot be answered "Not applicable": it applies to every system',
      'calibration/fixture-bad-answer.json: answerSets[1].answers.PR-GOV-02 (not-offered): fixture-bad-answer / not-offered: PR-GOV-02 is not asked for this system with these answers (see its showIf), so its answer would score nothing',
    ]);
  });

  it('accepts "Not applicable" only where the question offers it for the profile\'s system', () => {
    const offered = (t: TemplateFixture) => {
      const q = (t.questionnaires.procurement as { sections: { questions: Record<string, unknown>[] }[] }).sections[0]!.questions[0]!;
      q.notApplicable = { when: [{ system: 'deploymentType', in: ['embeddedDevice'] }], why: 'The device keeps no patient data.' };
    };
    const set = loadWith([], offered);
    const profile = CalibrationProfile.parse(fixtureProfile('fixture-mismatch'));
    profile.answerSets[0]!.answers = { 'PR-GOV-01': { notApplicable: true } };
    set.calibration = [profile];
    expect(lintCalibration(set).filter((p) => p.rule === 'calibration-answer').map((p) => p.message)).toEqual([
      'fixture-mismatch / weak: PR-GOV-01 is "Not applicable" only when the device keeps no patient data. This profile\'s system does not say so',
    ]);
    set.calibration = [{ ...profile, system: { ...profile.system, deploymentType: 'embeddedDevice' } }];
    expect(lintCalibration(set).filter((p) => p.rule === 'calibration-answer')).toEqual([]);
  });
});

describe('calibration-material and calibration-ranking', () => {
  type Q = Record<string, unknown>;
  const questions = (t: TemplateFixture) => (t.questionnaires.procurement as { sections: { questions: Q[] }[] }).sections[0]!.questions;
  /** PR-GOV-01 (encryption, credits C-ALPHA against T-ONE) marked material; PR-GOV-02 always asked. */
  const material = (baseLikelihood: number) => (t: TemplateFixture) => {
    questions(t)[0]!.material = true;
    delete questions(t)[1]!.showIf;
    t.threats.threats[0]!.baseLikelihood = baseLikelihood;
  };

  it('switches each material safeguard answer alone to its least safe option and records what moved', () => {
    const set = loadWith(['fixture-cloud'], material(2));
    const [, strong] = scoreCalibration(set).profiles[0]?.answerSets ?? [];
    // T-ONE: 2 + cloud 1 − encryption 1 = 2; without encryption and with its exposure: 2 + 1 + 1 = 4.
    expect(strong?.materialFlips).toEqual([
      { questionId: 'PR-GOV-01', from: '"Yes"', to: '"No"', moved: [{ threatId: 'T-ONE', from: 'likelihood 2, impact 3', to: 'likelihood 4, impact 3' }] },
    ]);
    expect(lintCalibration(set)).toEqual([]);
  });

  it('does not flip an answer that is already the least safe, nor a question that is not material', () => {
    const set = loadWith(['fixture-cloud'], material(2));
    const [weak] = scoreCalibration(set).profiles[0]?.answerSets ?? [];
    expect(weak?.materialFlips).toEqual([]);
    const plain = loadWith(['fixture-cloud']);
    expect(scoreCalibration(plain).profiles[0]?.answerSets.flatMap((s) => s.materialFlips)).toEqual([]);
  });

  it('reports a material safeguard whose loss moves no residual level, in words', () => {
    // T-ONE starts at 5: with or without encryption it stays at the top of the scale.
    const set = loadWith(['fixture-cloud'], material(5));
    const problems = lintCalibration(set);
    expect(problems).toContainEqual({
      file: 'calibration/fixture-cloud.json',
      path: 'answerSets[1].answers.PR-GOV-01 (strong)',
      rule: 'calibration-material',
      message: 'fixture-cloud / strong: switching the material safeguard PR-GOV-01 from "Yes" to "No" moves no threat\'s residual level; its loss does not show',
    });
    expect(scoreCalibration(set).ok).toBe(false);
  });

  it('does not flip an answer whose safeguard the set already withholds (another answer denies it)', () => {
    const set = loadWith([], (t) => {
      material(5)(t);
      // PR-GOV-02 "none" now also denies C-ALPHA: the two answers contradict, so C-ALPHA is not counted.
      const none = (questions(t)[1]!.options as { value: string; effects: unknown[] }[])[1]!;
      none.effects.push({ threat: 'T-ONE', likelihood: 1 });
      (questions(t)[1]!.options as { value: string; effects: unknown[] }[])[0]!.effects.push({ control: 'C-ALPHA' });
    });
    const profile = CalibrationProfile.parse(fixtureProfile('fixture-cloud'));
    profile.answerSets[1]!.answers = { 'PR-GOV-01': 'yes', 'PR-GOV-02': 'none' };
    set.calibration = [profile];
    const [, strong] = scoreCalibration(set).profiles[0]?.answerSets ?? [];
    expect(strong?.materialFlips).toEqual([]);
  });

  it('checks that every threat ranked above outranks every threat ranked below: score, then residual exposure', () => {
    const set = loadWith([]);
    const profile = CalibrationProfile.parse(fixtureProfile('fixture-mismatch'));
    // fixture-mismatch / weak: T-TWO 3 × 4 = 12, T-ONE 3 × 3 = 9.
    profile.answerSets[0]!.ranking = { above: ['T-TWO'], below: ['T-ONE'] };
    set.calibration = [profile];
    expect(lintCalibration(set).filter((p) => p.rule === 'calibration-ranking')).toEqual([]);
    profile.answerSets[0]!.ranking = { above: ['T-ONE'], below: ['T-TWO', 'T-GONE'] };
    expect(lintCalibration(set).filter((p) => p.rule === 'calibration-ranking' || p.path.includes('ranking'))).toEqual([
      {
        file: 'calibration/fixture-mismatch.json',
        path: 'answerSets[0].ranking (weak)',
        rule: 'calibration-threat',
        message: 'fixture-mismatch / weak: ranking names T-GONE, which is not a threat of the catalog',
      },
      {
        file: 'calibration/fixture-mismatch.json',
        path: 'answerSets[0].ranking (weak)',
        rule: 'calibration-ranking',
        message: 'fixture-mismatch / weak: T-ONE (Low, score 9, residual exposure 9) should rank above T-TWO (High, score 12, residual exposure 12)',
      },
    ]);
  });

  it('breaks a tie of residual score by the residual exposure on the open scale', () => {
    // T-ONE: likelihood 4, impact 3 → 12, exposure 12; T-TWO likelihood 3, impact 4 → 12, exposure 12 + 0 — made unequal by a half-strength control.
    const set = loadWith([], (t) => {
      t.threats.threats[0]!.baseLikelihood = 4;
      t.controls.controls[0]!.mitigates = [{ threat: 'T-ONE', reduces: 'likelihood', by: 1 }];
    });
    const profile = CalibrationProfile.parse(fixtureProfile('fixture-mismatch'));
    // "yes" by the vendor without checked evidence: C-ALPHA at half strength, T-ONE likelihood 4 − 0.5 = 3.5 → level 4, exposure 3.5 × 3 = 10.5.
    profile.answerSets[0]!.answers = { 'PR-GOV-01': { value: 'yes', source: 'vendor' } };
    profile.answerSets[0]!.ranking = { above: ['T-ONE'], below: ['T-TWO'] };
    set.calibration = [profile];
    const [weak] = scoreCalibration(set).profiles[0]?.answerSets ?? [];
    expect(weak?.ranking.slice(0, 2).map((r) => [r.threatId, r.score])).toEqual([
      ['T-TWO', 12],
      ['T-ONE', 12],
    ]);
    expect(weak?.rankingProblems.map((r) => r.message)).toEqual([
      'T-ONE (High, score 12, residual exposure 10.5) should rank above T-TWO (High, score 12, residual exposure 12)',
    ]);
    profile.answerSets[0]!.ranking = { above: ['T-TWO'], below: ['T-ONE'] };
    expect(scoreCalibration(set).profiles[0]?.answerSets[0]?.rankingProblems).toEqual([]);
  });

  it('refuses a ranking without threats on either side', () => {
    const profile = fixtureProfile('fixture-mismatch');
    (profile.answerSets as Record<string, unknown>[])[0]!.ranking = { above: [], below: ['T-ONE'] };
    expect(loadProblems(profile, 'fixture-mismatch')).toEqual([
      'calibration/fixture-mismatch.json: answerSets[0].ranking.above (weak): ranking.above must name at least one threat [schema]',
    ]);
  });
});

describe('the calibration table in templates/README.md', () => {
  it('is the one `vigil templates calibration templates --markdown` prints for the shipped content', () => {
    const readme = readFileSync(join(repoRoot, 'templates', 'README.md'), 'utf8');
    const block = /<!-- calibration-table:[^\n]*-->\n([\s\S]*?)<!-- \/calibration-table -->/.exec(readme);
    expect(block, 'templates/README.md lost its calibration-table markers').not.toBeNull();
    const loaded = loadTemplateSet(join(repoRoot, 'templates'));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems, null, 2));
    expect(block?.[1], 'regenerate it with: vigil templates calibration templates --markdown').toBe(calibrationMarkdown(scoreCalibration(loaded.set)));
  });
});
