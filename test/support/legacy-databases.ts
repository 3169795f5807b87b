// Databases written at an earlier schema version, with the data that version's code would have
// written: the tables and columns of schema v only, rows in the shapes of their time, audit
// events hash-chained by the ledger (its format has not changed since schema 1).
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { transition } from 'xstate';
import type { AnswerValue, Question, ThreatProfile } from '../../electron/contract/index.ts';
import { canonicalJson } from '../../electron/core/audit/canonical-json.ts';
import { appendAuditEvent } from '../../electron/core/audit/ledger.ts';
import { createSnapshotCache, snapshotFor } from '../../electron/core/assessments/snapshot.ts';
import type { ScoringAnswer } from '../../electron/core/scoring/findings.ts';
import { scoreModel1 } from '../../electron/core/scoring/score-model-1.ts';
import { openDatabase } from '../../electron/core/store/open-database.ts';
import { migrations } from '../../electron/core/store/migrations/index.ts';
import { loadTemplateSet } from '../../electron/core/templates/load-template-set.ts';
import { persist, restore } from '../../electron/core/workflow/persisted.ts';
import { reviewMachine } from '../../electron/core/workflow/review-machine.ts';
import { riskMachine } from '../../electron/core/workflow/risk-machine.ts';
import { templatesDir } from './core-fixture.ts';

/** Today's templates written the way schemas 2–5 stored them: safeguards as negative steps, no harm fields. */
export function legacySnapshotJson(stage: 'procurement' | 'validation' = 'procurement'): string {
  const loaded = loadTemplateSet(templatesDir);
  if (!loaded.ok) throw new Error('templates do not load');
  const snapshot = snapshotFor(loaded.set, stage);
  const legacy = {
    ...snapshot,
    threats: { ...snapshot.threats, threats: snapshot.threats.threats.map(({ harm: _h, severityOffset: _s, ...t }) => t) },
    controls: {
      ...snapshot.controls,
      controls: snapshot.controls.controls.map((c) => ({
        ...c,
        mitigates: c.mitigates.map((m) => (m.reduces === 'severity' ? { threat: m.threat, impact: -m.by } : { threat: m.threat, likelihood: -m.by })),
      })),
    },
  };
  return canonicalJson(legacy);
}

export interface LegacySystem {
  id: string;
  name: string;
  vendor: string;
  archived: boolean;
  autonomyLevel: 'informs' | 'augments' | 'automates';
  modelType: 'predictive' | 'generative';
  dataCategories: string[];
  deploymentType: 'vendorCloud' | 'onPremises';
  integrationPoints: string[];
}

export interface LegacyAssessment {
  id: string;
  systemId: string;
  status: 'inProgress' | 'submitted';
  answers: Map<string, ScoringAnswer & { flagged: boolean }>;
  evidence: { id: string; questionId: string; bytes: Buffer }[];
  /** What scoring model 1 gives on the stored snapshot, worked out without the database. */
  expected: ThreatProfile;
}

/** What a legacy database holds, for the checks after the current code opens it. */
export interface LegacyContents {
  version: number;
  systems: LegacySystem[];
  assessments: LegacyAssessment[];
  people: { id: string; name: string; roles: string[]; active: boolean }[];
  organisation: string | null;
  risks: { id: string; assessmentId: string; threatId: string; band: string; status: 'identified' | 'planned'; owner: string }[];
  systemEvents: { id: string; systemId: string; kind: string; modelVersion: string; datasetDigest: string }[];
  vendorRequests: { id: string; assessmentId: string; vendorName: string; questionIds: string[] }[];
  auditEvents: number;
}

const at = (day: number) => `2025-11-${String(day).padStart(2, '0')}T10:00:00.000Z`;
const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Builds a database at schema `version` (1 to latest − 1) on `dbPath`, with data in every table
 * that version has, and closes it. Returns what was written.
 */
export function buildLegacyDatabase(dbPath: string, version: number): LegacyContents {
  if (!migrations.slice(0, -1).some((m) => m.version === version)) throw new Error(`no legacy fixture for schema ${version}`);
  // The fixture writes data as schema 11's code wrote it; a later schema gets it through its own
  // migrations (012 moved vendor keys onto vendor ids), as a user's file would.
  const written = Math.min(version, lastWrittenSchema);
  const db = openDatabase(dbPath, { migrations: migrations.filter((m) => m.version <= written) });
  let contents: LegacyContents;
  try {
    if (db.pragma('user_version', { simple: true }) !== written) throw new Error(`expected schema ${written}`);
    contents = db.transaction(() => fill(db, written))();
  } finally {
    db.close();
  }
  if (written === version) return contents;
  openDatabase(dbPath, { migrations: migrations.filter((m) => m.version <= version) }).close();
  return { ...contents, version };
}

/** The last schema the fixture writes data for directly. */
const lastWrittenSchema = 11;

function fill(db: Database, version: number): LegacyContents {
  let auditEvents = 0;
  const audit = (when: string, actor: string, action: string, entity: string, payload: Record<string, unknown>) => {
    appendAuditEvent(db, { at: when, actor, action, entity, payload });
    auditEvents++;
  };
  const contents: LegacyContents = {
    version,
    systems: [],
    assessments: [],
    people: [],
    organisation: null,
    risks: [],
    systemEvents: [],
    vendorRequests: [],
    auditEvents: 0,
  };

  // ---- Schema 1: the inventory and the ledger.
  const systems: LegacySystem[] = [
    {
      id: 'SYS-LEG00001',
      name: 'Sepsis early warning',
      vendor: 'Acme Health',
      archived: false,
      autonomyLevel: 'augments',
      modelType: 'predictive',
      dataCategories: ['phi', 'physiological'],
      deploymentType: 'vendorCloud',
      integrationPoints: ['ehr'],
    },
    {
      id: 'SYS-LEG00002',
      name: 'Discharge summary drafter',
      vendor: 'Cloudy Gen',
      archived: false,
      autonomyLevel: 'automates',
      modelType: 'generative',
      dataCategories: ['phi', 'freeText'],
      deploymentType: 'vendorCloud',
      integrationPoints: ['ehr', 'patientPortal'],
    },
    {
      id: 'SYS-LEG00003',
      name: 'Retired bed planner',
      vendor: 'Quiet Analytics',
      archived: true,
      autonomyLevel: 'informs',
      modelType: 'predictive',
      dataCategories: [],
      deploymentType: 'onPremises',
      integrationPoints: [],
    },
  ];
  const insertSystem = db.prepare(
    `INSERT INTO systems (id, name, vendor, product_version, intended_use, autonomy_level, model_type, data_categories, deployment_type, integration_points, archived_at, created_at, created_by, updated_at)
     VALUES (@id, @name, @vendor, '1.0', @intendedUse, @autonomyLevel, @modelType, @dataCategories, @deploymentType, @integrationPoints, @archivedAt, @at, 'root', @at)`,
  );
  systems.forEach((s, i) => {
    insertSystem.run({
      ...s,
      intendedUse: `Intended use of ${s.name}`,
      dataCategories: JSON.stringify(s.dataCategories),
      integrationPoints: JSON.stringify(s.integrationPoints),
      archivedAt: s.archived ? at(3) : null,
      at: at(1 + i),
    });
    audit(at(1 + i), 'root', 'system.created', s.id, { name: s.name, vendor: s.vendor });
    if (s.archived) audit(at(3), 'root', 'system.archived', s.id, {});
  });
  contents.systems = systems;
  if (version < 2) return { ...contents, auditEvents };

  // ---- Schema 2: assessments pinned to a template snapshot, answers, evidence.
  const json = legacySnapshotJson();
  const hash = sha(json);
  db.prepare('INSERT INTO template_snapshots (hash, content) VALUES (?, ?)').run(hash, json);
  const { index } = createSnapshotCache(() => json)(hash);
  const questions = (JSON.parse(json) as { questionnaires: { sections: { questions: Question[] }[] }[] }).questionnaires.flatMap((q) => q.sections.flatMap((s) => s.questions));
  const optionQuestions = questions.filter((q): q is Extract<Question, { options: unknown }> => 'options' in q && !q.showIf);
  const hasVendor = version >= 5;

  const insertAssessment = db.prepare(
    `INSERT INTO assessments (id, system_id, stage, title, status, snapshot_hash, created_at, created_by, updated_at)
     VALUES (@id, @systemId, 'procurement', @title, @status, @hash, @at, 'root', @at)`,
  );
  const insertAnswer = db.prepare(
    `INSERT INTO answers (assessment_id, question_id, value, unknown, flagged, source, answered_by, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvidence = db.prepare(
    `INSERT INTO evidence (id, assessment_id, question_id, file_name, media_type, size, sha256, bytes, added_by, added_at)
     VALUES (?, ?, ?, 'policy.txt', 'text/plain', ?, ?, ?, 'root', ?)`,
  );

  const makeAssessment = (id: string, system: LegacySystem, status: LegacyAssessment['status'], offset: number, count: number): LegacyAssessment => {
    insertAssessment.run({ id, systemId: system.id, title: `Procurement assessment of ${system.name}`, status, hash, at: at(5) });
    audit(at(5), 'root', 'assessment.started', id, { system: system.id, stage: 'procurement', snapshot: hash });
    const answers: LegacyAssessment['answers'] = new Map();
    optionQuestions.slice(offset, offset + count).forEach((q, i) => {
      const unknown = i === 3;
      const value: AnswerValue | null = unknown ? null : q.kind === 'multi' ? [q.options[0]!.value] : q.options[(i + offset) % q.options.length]!.value;
      const source = hasVendor && q.vendorAnswerable && i % 2 === 0 ? 'vendor' : 'assessor';
      const flagged = i === 1;
      insertAnswer.run(id, q.id, value === null ? null : JSON.stringify(value), unknown ? 1 : 0, flagged ? 1 : 0, source, source === 'vendor' ? 'Acme Health (vendor response)' : 'root', at(6));
      answers.set(q.id, { value, unknown, source, hasEvidence: false, flagged });
    });
    audit(at(6), 'root', 'assessment.answered', id, { questions: [...answers.keys()] });
    const firstAnswered = [...answers.entries()].find(([, a]) => !a.unknown)![0];
    const bytes = Buffer.from(`Security policy for ${system.name}, section 4.`);
    const evidenceId = `EVD-${id.slice(4)}`;
    insertEvidence.run(evidenceId, id, firstAnswered, bytes.length, sha(bytes), bytes, at(7));
    audit(at(7), 'root', 'evidence.added', evidenceId, { assessment: id, question: firstAnswered, sha256: sha(bytes) });
    answers.get(firstAnswered)!.hasEvidence = true;
    const expected = scoreModel1(
      index,
      { autonomyLevel: system.autonomyLevel, modelType: system.modelType, dataCategories: [...system.dataCategories], deploymentType: system.deploymentType, integrationPoints: [...system.integrationPoints] } as never,
      answers,
      { assessmentId: id, scoredAt: at(8) },
    );
    return { id, systemId: system.id, status, answers, evidence: [{ id: evidenceId, questionId: firstAnswered, bytes }], expected };
  };
  const open = makeAssessment('ASM-LEG00001', systems[0]!, 'inProgress', 0, 12);
  contents.assessments.push(open);
  if (version < 3) {
    // Schema 2 also stored a second, finished-looking assessment only as inProgress rows.
    contents.assessments.push(makeAssessment('ASM-LEG00002', systems[1]!, 'inProgress', 12, 10));
    return { ...contents, auditEvents };
  }

  // ---- Schema 3: people, settings, review and lifecycle snapshots, risks, system events.
  const people = [
    { id: 'PER-LEG00001', name: 'Dr Ada Reviewer', roles: ['reviewer'], active: true },
    { id: 'PER-LEG00002', name: 'Chair Carol', roles: ['committeeChair', 'reviewer'], active: true },
    { id: 'PER-LEG00003', name: 'Owner Olu', roles: ['riskOwner'], active: true },
    { id: 'PER-LEG00004', name: 'Former Fran', roles: ['assessor'], active: false },
  ];
  const insertPerson = db.prepare('INSERT INTO people (id, name, email, roles, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const p of people) {
    insertPerson.run(p.id, p.name, `${p.name.split(' ').pop()!.toLowerCase()}@example.org`, JSON.stringify(p.roles), p.active ? 1 : 0, at(4), at(4));
    audit(at(4), 'root', 'person.saved', p.id, { name: p.name, roles: p.roles, active: p.active });
  }
  contents.people = people;
  db.prepare("UPDATE settings SET value = ? WHERE key = 'organisation'").run(JSON.stringify('St Elsewhere NHS Trust'));
  audit(at(4), 'root', 'settings.updated', 'settings', { organisation: 'St Elsewhere NHS Trust' });
  contents.organisation = 'St Elsewhere NHS Trust';

  // The open assessment has begun (review snapshot inProgress).
  const begun = transition(reviewMachine, restore(reviewMachine, null, { requiredSignOffs: 2 }), { type: 'assessment.begin' })[0];
  db.prepare('UPDATE assessments SET review_snapshot = ? WHERE id = ?').run(persist(reviewMachine, begun), open.id);

  // A submitted assessment: answers frozen, its final profile stored, risks opened above Low.
  const submitted = makeAssessment('ASM-LEG00002', systems[1]!, 'submitted', 12, 10);
  contents.assessments.push(submitted);
  const submittedSnapshot = transition(reviewMachine, begun, { type: 'review.submit', missingRequired: [] })[0];
  db.prepare('UPDATE assessments SET review_snapshot = ?, submitted_at = ? WHERE id = ?').run(persist(reviewMachine, submittedSnapshot), at(8), submitted.id);
  db.prepare('INSERT INTO threat_profiles (assessment_id, profile, scored_at) VALUES (?, ?, ?)').run(submitted.id, JSON.stringify(submitted.expected), at(8));
  audit(at(8), 'root', 'review.submit', submitted.id, { from: 'inProgress', to: 'submitted', overall: submitted.expected.overall });

  const insertRisk = db.prepare(
    `INSERT INTO risks (id, assessment_id, system_id, threat_id, threat_name, inherent, residual, band, owner, status, snapshot, opened_at, updated_at)
     VALUES (@id, @assessmentId, @systemId, @threatId, @threatName, @inherent, @residual, @band, @owner, @status, @snapshot, @at, @at)`,
  );
  const identified = restore(riskMachine, null);
  const above = submitted.expected.threats.filter((t) => t.residual.band !== 'low');
  if (above.length < 2) throw new Error('the legacy submitted assessment should open at least two risks');
  above.forEach((t, i) => {
    const id = `RSK-LEG${String(i + 1).padStart(5, '0')}`;
    const planned = i === 0;
    const snapshot = planned
      ? transition(riskMachine, identified, {
          type: 'risk.plan',
          treatment: { kind: 'mitigate', owner: 'Owner Olu', plan: 'Human review of every draft', actions: [{ text: 'Train ward staff', owner: 'Owner Olu', due: '2026-01-31' }] },
        } as never)[0]
      : identified;
    const status = planned ? 'planned' : 'identified';
    insertRisk.run({
      id,
      assessmentId: submitted.id,
      systemId: submitted.systemId,
      threatId: t.id,
      threatName: t.name,
      inherent: JSON.stringify(t.inherent),
      residual: JSON.stringify(t.residual),
      band: t.residual.band,
      owner: planned ? 'Owner Olu' : '',
      status,
      snapshot: persist(riskMachine, snapshot),
      at: at(8),
    });
    audit(at(8), 'root', 'risk.opened', id, { assessment: submitted.id, threat: t.id, band: t.residual.band });
    if (planned) audit(at(9), 'Owner Olu (riskOwner)', 'risk.plan', id, { from: 'identified', to: 'planned' });
    contents.risks.push({ id, assessmentId: submitted.id, threatId: t.id, band: t.residual.band, status, owner: planned ? 'Owner Olu' : '' });
  });

  const eventId = 'EVT-LEG00001';
  const digest = version >= 4 ? `sha256:${sha('training manifest 2025-10')}` : '';
  db.prepare(
    `INSERT INTO system_events (id, system_id, kind, description, model_version, provenance, change_notice, occurred_at, recorded_by, recorded_at, assessment_id)
     VALUES (?, ?, 'modelVersion', 'Retrained on 2025 data', '2.1', 'Hospital data 2019–2025', 'CN-7', '2025-11-09', 'root', ?, NULL)`,
  ).run(eventId, systems[0]!.id, at(9));
  if (version >= 4) db.prepare('UPDATE system_events SET dataset_digest = ? WHERE id = ?').run(digest, eventId);
  db.prepare("UPDATE systems SET model_version = '2.1' WHERE id = ?").run(systems[0]!.id);
  audit(at(9), 'root', 'system.changeRecorded', systems[0]!.id, { event: eventId, kind: 'modelVersion', modelVersion: '2.1', datasetDigest: digest });
  contents.systemEvents.push({ id: eventId, systemId: systems[0]!.id, kind: 'modelVersion', modelVersion: '2.1', datasetDigest: digest });
  if (version < 5) return { ...contents, auditEvents };

  // ---- Schema 5: the vendor exchange — a request imported, the vendor's key pinned.
  const requestId = 'VRQ-LEG00001';
  const questionIds = [...open.answers.keys()];
  const nonce = sha('nonce of the legacy request');
  db.prepare(
    `INSERT INTO vendor_requests (id, assessment_id, nonce, issued_at, expires_at, issued_by, question_ids, package_sha256, imported_at, imported_by, vendor_name, vendor_fingerprint, response_sha256, response_answers)
     VALUES (?, ?, ?, ?, ?, 'root', ?, ?, ?, 'root', 'Acme Health', ?, ?, ?)`,
  ).run(
    requestId,
    open.id,
    nonce,
    at(5),
    '2025-12-05T10:00:00.000Z',
    JSON.stringify(questionIds),
    sha('request package'),
    at(6),
    sha('vendor key'),
    sha('response package'),
    JSON.stringify([...open.answers.entries()].filter(([, a]) => a.source === 'vendor').map(([questionId, a]) => ({ questionId, value: a.value, unknown: a.unknown }))),
  );
  db.prepare('INSERT INTO vendor_keys (vendor, public_key, fingerprint, pinned_at, pinned_by) VALUES (?, ?, ?, ?, ?)').run('Acme Health', 'MCowBQYDK2VwAyEA' + 'A'.repeat(43) + '=', sha('vendor key'), at(6), 'root');
  audit(at(5), 'root', 'vendor.requestIssued', requestId, { assessment: open.id, questions: questionIds.length });
  audit(at(6), 'root', 'vendor.responseImported', requestId, { assessment: open.id, vendor: 'Acme Health' });
  contents.vendorRequests.push({ id: requestId, assessmentId: open.id, vendorName: 'Acme Health', questionIds });
  return { ...contents, auditEvents };
}
