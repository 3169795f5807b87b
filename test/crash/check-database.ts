// What must hold of the database after the worker was killed at any moment: it is intact, the
// ledger verifies, and the tables are exactly what the ledger says happened — every audit event
// has its effect and every effect its audit event, nothing half-applied.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { canonicalJson } from '../../electron/core/audit/canonical-json.ts';
import { verifyLedger } from '../../electron/core/audit/verify-ledger.ts';
import { latestSchemaVersion, migrations } from '../../electron/core/store/migrations/index.ts';
import { migrate } from '../../electron/core/store/open-database.ts';
import type { LedgerEvent } from './protocol.ts';

type Db = InstanceType<typeof Database>;
type Json = Record<string, unknown>;

export interface DatabaseReport {
  problems: string[];
  integrityOk: boolean;
  ledgerOk: boolean;
  /** Intact and fully migrated: the command-level checks apply. */
  complete: boolean;
  events: LedgerEvent[];
  /** Read-only connection, open for further checks; the caller closes it. */
  db: Db;
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

interface FoldedAnswer {
  value: unknown;
  unknown: boolean;
  flagged: boolean;
  toReconfirm: boolean;
}
interface FoldedAssessment {
  systemId: string;
  stage: string;
  status: string;
  answers: Map<string, FoldedAnswer>;
}

/** The schema the migrations give at `version`: a migration commits whole or not at all. */
const schemaCache = new Map<number, string>();
function schemaOf(db: Db): string {
  const rows = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { type: string; name: string; sql: string | null }[];
  return rows.map((r) => `${r.type} ${r.name}: ${r.sql ?? ''}`).join('\n');
}
function expectedSchema(version: number): string {
  let schema = schemaCache.get(version);
  if (schema === undefined) {
    const mem = new Database(':memory:');
    migrate(mem, migrations.slice(0, version), 0);
    schema = schemaOf(mem);
    mem.close();
    schemaCache.set(version, schema);
  }
  return schema;
}

/** Opens the database read-only (as a second process would after the crash) and checks it. */
export function checkDatabase(dbPath: string): DatabaseReport {
  const problems: string[] = [];
  // Killed before the file was created: an empty database (better-sqlite3 needs a file to open).
  const db = existsSync(dbPath) ? new Database(dbPath, { readonly: true, fileMustExist: true }) : new Database(':memory:');
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  const integrityOk = integrity.length === 1 && integrity[0]?.integrity_check === 'ok';
  if (!integrityOk) return { problems: [`integrity_check: ${integrity.map((r) => r.integrity_check).slice(0, 5).join('; ')}`], integrityOk, ledgerOk: false, complete: false, events: [], db };
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) problems.push(`foreign_key_check: ${fk.length} dangling reference(s), first ${JSON.stringify(fk[0])}`);

  // Killed while migrating: the schema is exactly that of the version recorded (and empty if not the latest).
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > latestSchemaVersion) return { problems: [...problems, `unexpected schema version ${version}`], integrityOk, ledgerOk: false, complete: false, events: [], db };
  if (schemaOf(db) !== expectedSchema(version)) problems.push(`the schema differs from what migrations 1..${version} create: a migration was half applied`);
  if (version < latestSchemaVersion) {
    const hasLedger = (db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'audit_events'").pluck().get() as number) > 0;
    const events = hasLedger ? (db.prepare('SELECT COUNT(*) FROM audit_events').pluck().get() as number) : 0;
    if (events > 0) problems.push(`schema version ${version} (not fully migrated) already holds ${events} audit events`);
    return { problems, integrityOk, ledgerOk: true, complete: false, events: [], db };
  }

  const verification = verifyLedger(db);
  if (!verification.ok) problems.push(`ledger does not verify: ${JSON.stringify(verification.firstBad)}`);
  const rows = db.prepare('SELECT seq, at, actor, action, entity, payload FROM audit_events ORDER BY seq').all() as (Omit<LedgerEvent, 'payload' | 'text'> & { payload: string })[];
  const events: LedgerEvent[] = rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Json, text: r.payload }));
  problems.push(...compareWithLedger(db, events));
  return { problems, integrityOk, ledgerOk: verification.ok, complete: true, events, db };
}

/** Replays the ledger into the state it describes and compares that with the tables. */
function compareWithLedger(db: Db, events: readonly LedgerEvent[]): string[] {
  const problems: string[] = [];
  const note = (p: string) => {
    if (problems.length < 25) problems.push(p);
  };

  const snapshotQuestions = new Map<string, Set<string>>();
  const questionsOf = (hash: string) => {
    let ids = snapshotQuestions.get(hash);
    if (!ids) {
      const row = db.prepare('SELECT content FROM template_snapshots WHERE hash = ?').get(hash) as { content: string } | undefined;
      const snapshot = row ? (JSON.parse(row.content) as { questionnaires: { sections: { questions: { id: string }[] }[] }[] }) : { questionnaires: [] };
      ids = new Set(snapshot.questionnaires.flatMap((q) => q.sections.flatMap((s) => s.questions.map((x) => x.id))));
      if (!row) note(`template snapshot ${hash} named by the ledger is missing`);
      snapshotQuestions.set(hash, ids);
    }
    return ids;
  };

  const systems = new Map<string, { name: string; vendor: string; intendedUse: string; modelVersion: string; patientPopulation: string; stage: string; archived: boolean }>();
  const assessments = new Map<string, FoldedAssessment>();
  const evidence = new Map<string, { assessmentId: string; questionId: string; fileName: string; sha256: string; size: number }>();
  const risks = new Map<string, { status: string; residual: unknown; assessment: string }>();
  const systemEvents = new Map<string, { systemId: string; kind: string; description: string }>();
  const people = new Map<string, string>();

  for (const e of events) {
    const p = e.payload;
    const asm = () => {
      const a = assessments.get(e.entity);
      if (!a) note(`event ${e.seq} (${e.action}) names assessment ${e.entity} before it was started`);
      return a;
    };
    const begin = () => {
      const t = p.transition as { to: string } | undefined;
      const a = asm();
      if (t && a) a.status = t.to;
    };
    switch (e.action) {
      case 'person.added':
        people.set(e.entity, String(p.name));
        break;
      case 'system.created':
        systems.set(e.entity, {
          name: String(p.name),
          vendor: String(p.vendor),
          intendedUse: String(p.intendedUse ?? ''),
          modelVersion: String(p.modelVersion ?? ''),
          patientPopulation: String(p.patientPopulation ?? ''),
          stage: 'procurement',
          archived: false,
        });
        break;
      // Vendors (issue 17): a system's vendor text is in its own events; the workload renames none.
      case 'vendor.created':
      case 'vendor.updated':
        break;
      case 'system.updated': {
        const s = systems.get(e.entity);
        if (!s) note(`event ${e.seq} updates unknown system ${e.entity}`);
        else Object.assign(s, p.changes as Json);
        break;
      }
      case 'system.archived':
      case 'system.unarchived': {
        const s = systems.get(e.entity);
        if (s) s.archived = e.action === 'system.archived';
        break;
      }
      case 'system.changeRecorded':
      case 'incident.reported': {
        systemEvents.set(String(p.event), { systemId: e.entity, kind: String(p.kind), description: String(p.description) });
        const s = systems.get(e.entity);
        if (s && p.kind === 'modelVersion' && p.modelVersion) s.modelVersion = String(p.modelVersion);
        break;
      }
      case 'assessment.started': {
        const answers = new Map<string, FoldedAnswer>();
        if ('carriedFrom' in p && typeof p.carriedFrom === 'string') {
          const from = assessments.get(p.carriedFrom);
          const inSnapshot = questionsOf(String(p.snapshot));
          if (!from) note(`event ${e.seq}: ${e.entity} carries answers from unknown ${p.carriedFrom}`);
          for (const [q, a] of from?.answers ?? []) if (inSnapshot.has(q)) answers.set(q, { ...a, toReconfirm: true });
          if (answers.size !== p.carried) note(`event ${e.seq}: ${e.entity} says ${String(p.carried)} answers were carried; replaying the ledger carries ${answers.size}`);
        }
        assessments.set(e.entity, { systemId: String(p.systemId), stage: String(p.stage), status: 'draft', answers });
        break;
      }
      case 'assessment.answered': {
        const a = asm();
        const t = p.transition as { to: string } | undefined;
        if (t && a) a.status = t.to;
        for (const x of (p.answers as { questionId: string; value: unknown; unknown: boolean; flagged: boolean }[]) ?? []) {
          a?.answers.set(x.questionId, { value: x.value, unknown: x.unknown, flagged: x.flagged, toReconfirm: false });
        }
        break;
      }
      case 'evidence.added': {
        begin();
        const m = p.evidence as { id: string; assessmentId: string; questionId: string; fileName: string; sha256: string; size: number };
        evidence.set(m.id, { assessmentId: m.assessmentId, questionId: m.questionId, fileName: m.fileName, sha256: m.sha256, size: m.size });
        break;
      }
      case 'evidence.removed': {
        const id = (p.removed as { id: string }).id;
        if (!evidence.delete(id)) note(`event ${e.seq} removes evidence ${id} that the ledger never added`);
        break;
      }
      case 'risk.identified':
        risks.set(e.entity, { status: 'identified', residual: p.residual, assessment: String(p.assessment) });
        break;
      case 'risk.rescored': {
        const r = risks.get(e.entity);
        if (r) r.residual = p.residual;
        else note(`event ${e.seq} rescores unknown risk ${e.entity}`);
        break;
      }
      default:
        if (e.entity.startsWith('SYS-') && e.action.startsWith('lifecycle.')) {
          const s = systems.get(e.entity);
          if (s) s.stage = String(p.to);
          else note(`event ${e.seq} (${e.action}) moves unknown system ${e.entity}`);
        } else if (e.entity.startsWith('ASM-') && (e.action.startsWith('review.') || e.action.startsWith('vendor.'))) {
          const a = asm();
          if (a) a.status = String(p.to);
        } else if (e.entity.startsWith('RSK-') && e.action.startsWith('risk.')) {
          const r = risks.get(e.entity);
          if (r) r.status = String(p.to);
          else note(`event ${e.seq} (${e.action}) moves unknown risk ${e.entity}`);
        } else if (e.action !== 'settings.updated' && e.action !== 'person.updated') {
          note(`event ${e.seq}: action ${e.action} is not understood by the crash checker`);
        }
    }
  }

  // Each table against the replayed ledger, both ways.
  const both = <T>(what: string, folded: Map<string, T>, rows: { id: string }[], compare: (f: T, row: never) => string | null) => {
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.id);
      const f = folded.get(row.id);
      if (f === undefined) {
        note(`${what} ${row.id} exists without the audit event that creates it`);
        continue;
      }
      const diff = compare(f, row as never);
      if (diff) note(`${what} ${row.id}: ${diff}`);
    }
    for (const id of folded.keys()) if (!seen.has(id)) note(`${what} ${id} is in the ledger but not in the table`);
  };

  type SystemRow = { id: string; name: string; vendor: string; intended_use: string; model_version: string; patient_population: string; lifecycle_stage: string; archived_at: string | null };
  both('system', systems, db.prepare('SELECT id, name, vendor, intended_use, model_version, patient_population, lifecycle_stage, archived_at FROM systems').all() as SystemRow[], (f, r: SystemRow) => {
    const diffs = [
      f.name !== r.name && `name ${r.name} ≠ ledger ${f.name}`,
      f.vendor !== r.vendor && `vendor ${r.vendor} ≠ ledger ${f.vendor}`,
      f.intendedUse !== r.intended_use && `intendedUse "${r.intended_use}" ≠ ledger "${f.intendedUse}"`,
      f.modelVersion !== r.model_version && `modelVersion "${r.model_version}" ≠ ledger "${f.modelVersion}"`,
      f.patientPopulation !== r.patient_population && `patientPopulation "${r.patient_population}" ≠ ledger "${f.patientPopulation}"`,
      f.stage !== r.lifecycle_stage && `lifecycle ${r.lifecycle_stage} ≠ ledger ${f.stage}`,
      f.archived !== (r.archived_at !== null) && `archived ${r.archived_at !== null} ≠ ledger ${f.archived}`,
    ].filter(Boolean);
    return diffs.length > 0 ? diffs.join(', ') : null;
  });

  type AsmRow = { id: string; system_id: string; stage: string; status: string };
  both('assessment', assessments, db.prepare('SELECT id, system_id, stage, status FROM assessments').all() as AsmRow[], (f, r: AsmRow) =>
    f.systemId !== r.system_id || f.stage !== r.stage || f.status !== r.status
      ? `(${r.system_id}, ${r.stage}, ${r.status}) ≠ ledger (${f.systemId}, ${f.stage}, ${f.status})`
      : null,
  );
  const profiles = new Set((db.prepare('SELECT assessment_id FROM threat_profiles').pluck().all() as string[]));
  for (const id of assessments.keys()) if (!profiles.has(id)) note(`assessment ${id} has no stored threat profile`);
  for (const id of profiles) if (!assessments.has(id)) note(`threat profile of ${id} without its assessment`);

  type AnswerRow = { id: string; assessment_id: string; question_id: string; value: string | null; unknown: number; flagged: number; to_reconfirm: number };
  const answerRows = db
    .prepare("SELECT assessment_id || ' ' || question_id AS id, assessment_id, question_id, value, unknown, flagged, to_reconfirm FROM answers")
    .all() as AnswerRow[];
  const foldedAnswers = new Map<string, FoldedAnswer>();
  for (const [id, a] of assessments) for (const [q, x] of a.answers) foldedAnswers.set(`${id} ${q}`, x);
  both('answer', foldedAnswers, answerRows, (f, r: AnswerRow) => {
    const value = r.value === null ? null : (JSON.parse(r.value) as unknown);
    return !same(value, f.value) || f.unknown !== (r.unknown === 1) || f.flagged !== (r.flagged === 1) || f.toReconfirm !== (r.to_reconfirm === 1)
      ? `${canonicalJson(value)} unknown=${r.unknown} flagged=${r.flagged} toReconfirm=${r.to_reconfirm} ≠ ledger ${canonicalJson(f.value ?? null)} unknown=${f.unknown} flagged=${f.flagged} toReconfirm=${f.toReconfirm}`
      : null;
  });

  type EvidenceRow = { id: string; assessment_id: string; question_id: string; file_name: string; sha256: string; size: number; actual: string };
  both('evidence', evidence, db.prepare('SELECT id, assessment_id, question_id, file_name, sha256, size, length(bytes) AS actual FROM evidence').all() as EvidenceRow[], (f, r: EvidenceRow) =>
    f.assessmentId !== r.assessment_id || f.questionId !== r.question_id || f.fileName !== r.file_name || f.sha256 !== r.sha256 || f.size !== r.size || Number(r.actual) !== r.size
      ? `(${r.assessment_id}, ${r.question_id}, ${r.file_name}, ${r.size} B) ≠ ledger (${f.assessmentId}, ${f.questionId}, ${f.fileName}, ${f.size} B)`
      : null,
  );

  type RiskRow = { id: string; status: string; residual: string; assessment_id: string };
  both('risk', risks, db.prepare('SELECT id, status, residual, assessment_id FROM risks').all() as RiskRow[], (f, r: RiskRow) =>
    f.status !== r.status || f.assessment !== r.assessment_id || !same(JSON.parse(r.residual), f.residual)
      ? `(${r.status}, ${r.residual}) ≠ ledger (${f.status}, ${canonicalJson(f.residual)})`
      : null,
  );

  type EventRow = { id: string; system_id: string; kind: string; description: string };
  both('system event', systemEvents, db.prepare('SELECT id, system_id, kind, description FROM system_events').all() as EventRow[], (f, r: EventRow) =>
    f.systemId !== r.system_id || f.kind !== r.kind || f.description !== r.description ? `(${r.system_id}, ${r.kind}) ≠ ledger (${f.systemId}, ${f.kind})` : null,
  );

  both('person', people, db.prepare('SELECT id, name FROM people').all() as { id: string; name: string }[], (f, r: { name: string }) =>
    f !== r.name ? `${r.name} ≠ ledger ${f}` : null,
  );
  return problems;
}

/** A refused command's marker must appear nowhere: not in the ledger, not in any table. */
export function markerTraces(db: Db, marker: string): string[] {
  const probes: [string, string][] = [
    ['audit_events', 'SELECT seq AS id FROM audit_events WHERE instr(payload, @m) > 0 OR instr(entity, @m) > 0'],
    ['answers', "SELECT assessment_id || ' ' || question_id AS id FROM answers WHERE instr(value, @m) > 0"],
    ['systems', 'SELECT id FROM systems WHERE instr(name, @m) > 0 OR instr(intended_use, @m) > 0 OR instr(patient_population, @m) > 0 OR instr(model_version, @m) > 0'],
    ['evidence', 'SELECT id FROM evidence WHERE instr(file_name, @m) > 0'],
    ['system_events', 'SELECT id FROM system_events WHERE instr(description, @m) > 0'],
    ['risks', 'SELECT id FROM risks WHERE instr(snapshot, @m) > 0'],
  ];
  const found: string[] = [];
  for (const [table, sql] of probes) {
    const hits = db.prepare(sql).all({ m: marker }) as { id: string | number }[];
    if (hits.length > 0) found.push(`${table}: ${hits.slice(0, 3).map((h) => h.id).join(', ')}`);
  }
  return found;
}
