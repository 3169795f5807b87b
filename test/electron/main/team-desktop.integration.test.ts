import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiSystem, AssessmentDetail, CertificateInfo, CreatedRequest, ExportResult, ImportPreview, ImportResult, InboxItem, Result, SessionInfo, TeamStatus } from '../../../electron/contract/index.ts';
import { createCore, type Core } from '../../../electron/core/create-core.ts';
import { teamConnectionStore } from '../../../electron/main/team-connection-store.ts';
import { createTeamRouter, type TeamRouter } from '../../../electron/main/team-router.ts';
import { sequentialIds, tempDir, templatesDir } from '../../support/core-fixture.ts';
import { startTeamServerFixture, stopTestPostgres, type TeamServerFixture } from '../../support/team-server-fixture.ts';
import { answerFor } from '../../core/exchange/exchange-fixture.ts';

/*
 * The desktop's main process against the real team server (HTTPS, PostgreSQL, accounts): the
 * router and client as registerDesktop wires them, with the desktop's own SQLite file as the
 * local core. What the person does in Settings is what the test calls.
 */

const realClock = { now: () => new Date() };

interface Desktop {
  router: TeamRouter;
  own: Core;
  cleanup(): void;
}

/** A desktop app: its own file, its user-data folder, the router its IPC bridge calls. */
function desktop(login: string): Desktop {
  const files = tempDir(`vigil-desktop-${login}-`);
  const own = createCore({ dbPath: join(files.dir, 'vigil.db'), clock: realClock, ids: sequentialIds(), templatesDir });
  const router = createTeamRouter({ store: teamConnectionStore(files.dir), local: (method, input) => own.dispatch(method, input, { actor: login }), actor: login, now: () => new Date() });
  return {
    router,
    own,
    cleanup() {
      own.close();
      files.cleanup();
    },
  };
}

const value = <T>(result: Result<unknown>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};

let team: TeamServerFixture;
let hospital: Desktop;
let vendor: Desktop;

beforeAll(async () => {
  team = await startTeamServerFixture();
  hospital = desktop('ward7.nurse');
  vendor = desktop('acme.engineer');
}, 180_000);

afterAll(async () => {
  hospital?.cleanup();
  vendor?.cleanup();
  await team?.close();
  await stopTestPostgres();
});

describe('the desktop connected to the real team server', () => {
  let systemId = '';

  it('checks and pins the certificate, signs in, and works on the server as the signed-in account', async () => {
    const seen = value<CertificateInfo>(await hospital.router.handle('teamServer.probe', { url: team.url }));
    expect(seen.fingerprint).toBe(team.fingerprint);
    value<TeamStatus>(await hospital.router.handle('teamServer.connect', { url: team.url, fingerprint: seen.fingerprint }));
    const status = value<TeamStatus>(await hospital.router.handle('teamServer.signIn', { login: 'asha', password: team.accounts.assessor.password }));
    expect(status).toMatchObject({ mode: 'team', url: team.url, account: { login: 'asha', name: 'Asha Assessor' } });

    expect(value<SessionInfo>(await hospital.router.forward('session.current', {}))).toMatchObject({ mode: 'team', account: { login: 'asha' } });
    const created = value<AiSystem>(
      await hospital.router.forward('systems.create', { name: 'Chest X-ray triage', vendor: 'Acme Imaging', intendedUse: 'Flags urgent chest X-rays', dataCategories: ['phi', 'imaging'] }),
    );
    systemId = created.id;

    // Seen through the server by another person, under the account that made it.
    const ravi = await team.signIn('reviewer');
    const listed = (await ravi.call('systems.list', {})).json as { ok: true; value: AiSystem[] };
    expect(listed.value.map((s) => s.name)).toContain('Chest X-ray triage');
    const events = await team.query<{ actor: string }>('SELECT actor FROM audit_events WHERE entity = $1 ORDER BY seq', [systemId]);
    expect(events.map((e) => e.actor)).toEqual(['Asha Assessor (assessor) [asha]']);
  });

  it('the vendor exchange: the hospital on the team server, the vendor on its own file; packages, evidence and exports travel as content', async () => {
    const assessment = value<AssessmentDetail>(await hospital.router.forward('assessments.start', { systemId, stage: 'procurement' }));
    const request = value<CreatedRequest>(await hospital.router.forward('vendor.request', { assessmentId: assessment.id }));
    expect(request.text.length).toBeGreaterThan(100);

    // The vendor's desktop, not connected, on a vendor-mode database: opens the file's text, answers, attaches, responds.
    value(await vendor.router.forward('settings.update', { workspaceMode: 'vendor', organisation: 'Acme Imaging Ltd' }));
    const item = value<InboxItem>(await vendor.router.forward('vendorInbox.open', { text: request.text }));
    const questions = item.questions.slice(0, 3);
    value(await vendor.router.forward('vendorInbox.answer', { id: item.id, answers: questions.map((q) => ({ questionId: q.id, value: answerFor(q) })) }));
    value(
      await vendor.router.forward('vendorInbox.addEvidence', {
        id: item.id,
        questionId: questions[0]?.id,
        fileName: 'pentest-summary.txt',
        mediaType: 'text/plain',
        dataBase64: Buffer.from('Penetration test 2026: no critical findings.').toString('base64'),
      }),
    );
    const response = value<{ text: string }>(await vendor.router.forward('vendorInbox.respond', { id: item.id }));

    // Back at the hospital desktop, through the server.
    const preview = value<ImportPreview>(await hospital.router.forward('vendor.previewImport', { text: response.text }));
    const imported = value<ImportResult>(await hospital.router.forward('vendor.import', { text: response.text }));
    expect(preview).toMatchObject({ requestId: request.request.id, vendorName: 'Acme Imaging Ltd', key: { status: 'new' } });
    expect(imported).toMatchObject({ answersWritten: 3, evidenceWritten: 1 });
    const onPaper = value<{ request: { id: string } }>(await hospital.router.forward('vendor.request', { assessmentId: assessment.id }));
    const exported = value<ExportResult>(await hospital.router.forward('export.questionnaire', { requestId: onPaper.request.id }));
    expect(exported.path).toBeNull();
    expect(Buffer.from(exported.dataBase64 ?? '', 'base64').subarray(0, 2).toString()).toBe('PK');
    // A page can never name a file, on the server either.
    const named = await hospital.router.forward('export.questionnaire', { requestId: onPaper.request.id, out: '/tmp/anywhere.docx' });
    expect(named.ok ? null : named.error.code).toBe('FORBIDDEN');
  });

  it('an idle session ends: the call says so, and Settings shows why', async () => {
    team.clock.advance(31 * 60_000);
    const refused = await hospital.router.forward('systems.list', {});
    expect(refused.ok ? null : refused.error.code).toBe('SESSION_EXPIRED');
    const status = value<TeamStatus>(await hospital.router.handle('teamServer.status', {}));
    expect(status).toMatchObject({ mode: 'team', account: null, notice: expect.stringContaining('Sign in again') });
  });

  it('stop using the server: back on the own file, which never had the server’s system', async () => {
    expect(value<TeamStatus>(await hospital.router.handle('teamServer.disconnect', {}))).toEqual({ mode: 'local', problem: null });
    const own = value<AiSystem[]>(await hospital.router.forward('systems.list', {}));
    expect(own.map((s) => s.name)).not.toContain('Chest X-ray triage');
    expect(value<SessionInfo>(await hospital.router.forward('session.current', {}))).toEqual({ mode: 'desktop' });
  });
});
