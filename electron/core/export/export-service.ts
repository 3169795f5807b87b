import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { ExportProgress, ExportResult, ReferenceItem, TemplateSet, ContactForVendors, ReadinessSummary } from '../../contract/index.ts';
import type { AssessmentsService } from '../assessments/assessments-service.ts';
import type { CommandRunner } from '../command-runner.ts';
import type { CallContext, Clock } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { SystemsService } from '../systems/systems-service.ts';
import type { RisksService } from '../risks/risks-service.ts';
import type { PeopleService } from '../people/people-service.ts';
import { registerExportAction, registersSoFar, type CommitteeService } from '../committee/committee-service.ts';
import type { Repositories, StoragePort } from '../store/storage-port.ts';
import { collectQuestionnaire } from './collect-questionnaire.ts';
import { collectRegister, type MonitoringSource } from './collect-register.ts';
import type { ProgressBoard } from './export-progress.ts';
import type { ComparisonModel } from './comparison-document.ts';
import type { QuestionnaireModel } from './questionnaire-model.ts';
import type { RegisterModel, ReportStyle } from './register-model.ts';
import { checkDocxXml } from './word/check-docx-xml.ts';

/** The document writers: pure functions of their model, injected so the service is tested without docx. */
export interface ExportWriters {
  registerDocx(model: RegisterModel, onProgress?: (done: number, total: number) => void): Promise<Uint8Array>;
  registerCsv(model: RegisterModel): Uint8Array;
  questionnaireDocx(model: QuestionnaireModel): Promise<Uint8Array>;
  comparisonDocx(model: ComparisonModel): Promise<Uint8Array>;
  /** Temporary file then rename: a failed export never leaves a truncated document behind. */
  writeFile(path: string, bytes: Uint8Array): void;
}

export interface ExportService {
  register(
    ctx: CallContext,
    input: {
      systemIds: string[];
      riskIds?: string[] | undefined;
      format: 'docx' | 'csv';
      withAnswers: boolean;
      status: 'draft' | 'final';
      nextReview?: string | undefined;
      out?: string | undefined;
      progressKey?: string | undefined;
    },
  ): Promise<ExportResult>;
  questionnaire(ctx: CallContext, input: { requestId: string; out?: string | undefined; progressKey?: string | undefined }): Promise<ExportResult>;
  comparison(ctx: CallContext, input: { assessmentIds: string[]; out?: string | undefined }): Promise<ExportResult>;
  progress(key: string): ExportProgress;
}

export interface ExportDeps {
  store: StoragePort;
  run: CommandRunner;
  clock: Clock;
  appVersion: string;
  systems: SystemsService;
  assessments: AssessmentsService;
  risks: RisksService;
  people: PeopleService;
  committee: CommitteeService;
  templates: () => TemplateSet;
  /** The register's monitoring section (issue 20); absent, the register has none. */
  monitoring?: MonitoringSource;
  /** The report's look and the organisation it names (from Settings). */
  style: () => Promise<ReportStyle>;
  /** Whom vendors return a questionnaire to (Settings), or null. */
  vendorContact: () => Promise<ContactForVendors | null>;
  /** A system's clinician readiness today (docs/readiness.md), for the register's system pages. */
  readiness?: (systemIds: readonly string[]) => Promise<ReadonlyMap<string, ReadinessSummary>>;
  writers: ExportWriters;
  board: ProgressBoard;
}

const mediaTypes = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
} as const;

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'export';

/** A selection's ids are written in full in its ledger event up to this many; beyond, count and fingerprint only. */
export const selectionIdsRecorded = 1000;

/**
 * What the ledger keeps about a selection (docs/lists.md, "Export selected"): how many of how
 * many, the SHA-256 of the ids sorted and joined by line feeds (which anyone holding the list
 * can recompute), and the ids themselves when there are at most `selectionIdsRecorded`.
 */
export function selectionRecord(riskIds: readonly string[], of: number): { risks: number; of: number; idsSha256: string; ids?: string[] } {
  const sorted = [...riskIds].sort();
  const idsSha256 = createHash('sha256').update(sorted.join('\n')).digest('hex');
  return { risks: sorted.length, of, idsSha256, ...(sorted.length <= selectionIdsRecorded ? { ids: sorted } : {}) };
}

/** The request a Word questionnaire answers: it must exist, be open and not yet answered. */
async function openRequest(r: Repositories, requestId: string, at: string) {
  const request = await r.exchange.requestById(requestId);
  if (!request) throw new DomainError('NOT_FOUND', `There is no vendor request ${requestId}; issue one with Request vendor input first.`, { requestId });
  if (request.importedAt) {
    throw new DomainError('CONFLICT', `Request ${requestId} was already answered (imported on ${request.importedAt}); issue a new request to ask the vendor again.`, { requestId });
  }
  if (Date.parse(request.expiresAt) < Date.parse(at)) {
    throw new DomainError('REQUEST_EXPIRED', `Request ${requestId} expired on ${request.expiresAt}; issue a new request to the vendor.`, { requestId, expiresAt: request.expiresAt });
  }
  return request;
}

export function createExportService(deps: ExportDeps): ExportService {
  const { store, board } = deps;
  /** The ledger head a document states; read in the same read as the document's content. */
  const ledgerNow = async (r: Repositories) => {
    const { length, head } = await r.ledger.head();
    return { length, head: head ?? '' };
  };
  const requireTrusted = (ctx: CallContext, out: string | undefined) => {
    if (out !== undefined && !ctx.trustedPaths) {
      throw new DomainError('FORBIDDEN', 'Only the command line or a save dialog may choose where an export is written.');
    }
  };

  /**
   * Checks a Word document (word/check-docx-xml.ts: refused unless every part is well-formed
   * XML), then writes the file (when asked) and records the export in the ledger, in one
   * transaction. Every export passes here, so none is saved or recorded unchecked.
   */
  const finish = async (
    ctx: CallContext,
    action: string,
    entity: string,
    bytes: Uint8Array,
    fileName: string,
    format: keyof typeof mediaTypes,
    ledger: { head: string; length: number },
    counts: ExportResult['counts'],
    out: string | undefined,
    /** What else the ledger keeps about this export (a register: its version and the systems it covered). */
    recorded: Record<string, unknown> = {},
  ): Promise<ExportResult> => {
    if (format === 'docx') await checkDocxXml(bytes, `The Word document ${out === undefined ? fileName : basename(out)}`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return deps.run(ctx, action, async () => {
      if (out !== undefined) deps.writers.writeFile(out, bytes);
      return {
        entity,
        // The ledger keeps what was exported and the head the document states, not the document.
        payload: { format, fileName: out === undefined ? fileName : basename(out), size: bytes.length, sha256, ledgerStated: ledger, counts, ...recorded },
        result: {
          fileName: out === undefined ? fileName : basename(out),
          mediaType: mediaTypes[format],
          size: bytes.length,
          sha256,
          ledger,
          counts,
          path: out ?? null,
          dataBase64: out === undefined ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') : null,
        },
      };
    });
  };

  const track = async <T>(key: string | undefined, work: () => Promise<T>): Promise<T> => {
    try {
      const result = await work();
      board.report(key, { state: 'done', phase: 'Done', done: 1, total: 1, percent: 100 });
      return result;
    } catch (error) {
      board.report(key, { state: 'failed', phase: error instanceof Error ? error.message : 'Export failed', done: 0, total: 0, percent: 100 });
      throw error;
    }
  };

  return {
    register: (ctx, input) =>
      track(input.progressKey, async () => {
        requireTrusted(ctx, input.out);
        const key = input.progressKey;
        board.report(key, { phase: 'Reading the register', done: 0, total: 0, percent: 2 });
        // The handler has checked any "acting as" against People; the actor names them.
        const by = ctx.actor;
        const at = deps.clock.now().toISOString();
        // One read transaction: the document, its counts and the ledger head it states are one moment.
        const { model, ledger } = await store.read(async (r) => {
          const ledgerState = await ledgerNow(r);
          const registers = await registersSoFar(r);
          return {
            ledger: ledgerState,
            model: await collectRegister(
              { systems: deps.systems, assessments: deps.assessments, risks: deps.risks, people: deps.people, committee: deps.committee, templates: deps.templates, readiness: deps.readiness, monitoring: deps.monitoring },
              {
                systemIds: input.systemIds,
                riskIds: input.riskIds,
                preparedBy: by,
                generatedAt: at,
                withAnswers: input.withAnswers,
                status: input.status,
                nextReview: input.nextReview,
                registers,
                ledger: ledgerState,
                appVersion: deps.appVersion,
                style: await deps.style(),
              },
            ),
          };
        });
        const total = model.risks.length;
        board.report(key, { phase: 'Writing the register', done: 0, total, percent: 10 });
        const bytes =
          input.format === 'csv'
            ? deps.writers.registerCsv(model)
            : await deps.writers.registerDocx(model, (done, of) => board.report(key, { phase: 'Writing the register', done, total: of, percent: 10 + (85 * done) / Math.max(1, of) }));
        board.report(key, { phase: 'Checking and saving', done: total, total, percent: 97 });
        const day = at.slice(0, 10);
        const selection = model.meta.selection;
        const scope = selection ? `selected-${selection.risks}-risks` : input.systemIds.length === 0 ? 'all-systems' : slug(model.systems.map((s) => s.name).join('-'));
        const counts = { systems: model.systems.length, risks: total, assessments: model.reviews.length, questions: model.appendix.reduce((n, a) => n + a.answers.length, 0) };
        const recorded = {
          version: model.documentControl.version,
          status: model.documentControl.status,
          systems: model.systems.map((s) => s.id),
          ...(selection && input.riskIds ? { selection: selectionRecord(input.riskIds, selection.of) } : {}),
        };
        return finish(ctx, registerExportAction, 'register', bytes, `vigil-risk-register-${scope}-${day}.${input.format}`, input.format, ledger, counts, input.out, recorded);
      }),

    questionnaire: (ctx, input) =>
      track(input.progressKey, async () => {
        requireTrusted(ctx, input.out);
        const key = input.progressKey;
        board.report(key, { phase: 'Reading the request', done: 0, total: 0, percent: 5 });
        const by = ctx.actor;
        const at = deps.clock.now().toISOString();
        const { model, ledger, assessmentId } = await store.read(async (r) => {
          const request = await openRequest(r, input.requestId, at);
          const detail = await deps.assessments.get(request.assessmentId);
          const system = await deps.systems.get(detail.systemId);
          const set = deps.templates();
          const registry = new Map<string, ReferenceItem>(set.references.items.map((item) => [item.id, item]));
          return {
            ledger: await ledgerNow(r),
            assessmentId: detail.id,
            model: collectQuestionnaire(detail, system, {
              request,
              preparedBy: by,
              generatedAt: at,
              appVersion: deps.appVersion,
              style: await deps.style(),
              contact: await deps.vendorContact(),
              registry,
            }),
          };
        });
        const questions = model.sections.reduce((n, s) => n + s.questions.length, 0);
        board.report(key, { phase: 'Writing the questionnaire', done: 0, total: questions, percent: 30 });
        const bytes = await deps.writers.questionnaireDocx(model);
        board.report(key, { phase: 'Checking and saving', done: questions, total: questions, percent: 97 });
        const fileName = `vendor-questionnaire-${slug(model.system.name)}-${input.requestId}.docx`;
        return finish(ctx, 'export.questionnaire', assessmentId, bytes, fileName, 'docx', ledger, { systems: 1, risks: 0, assessments: 1, questions }, input.out, {
          request: input.requestId,
          expiresAt: model.meta.expiresAt,
        });
      }),

    comparison: async (ctx, input) => {
      requireTrusted(ctx, input.out);
      const at = deps.clock.now().toISOString();
      const { model, ledger } = await store.read(async (r) => {
        const ledgerState = await ledgerNow(r);
        const comparison = await deps.assessments.compare(input.assessmentIds);
        const meta = { title: 'Candidates compared', generatedAt: at, preparedBy: ctx.actor, ledger: ledgerState, appVersion: deps.appVersion };
        return { ledger: ledgerState, model: { comparison, meta, style: await deps.style() } };
      });
      const bytes = await deps.writers.comparisonDocx(model);
      const ids = model.comparison.candidates.map((k) => k.assessmentId);
      const counts = { systems: new Set(model.comparison.candidates.map((k) => k.systemId)).size, risks: 0, assessments: ids.length, questions: model.comparison.questionsCompared };
      const fileName = `vigil-comparison-${ids.join('-')}-${at.slice(0, 10)}.docx`;
      return finish(ctx, 'export.comparison', 'comparison', bytes, fileName, 'docx', ledger, counts, input.out, { assessments: ids, lowest: model.comparison.summary.lowest });
    },

    progress: (key) => board.get(key),
  };
}
