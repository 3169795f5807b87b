import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../support/core-fixture.ts';

let core: TestCore;
beforeEach(() => {
  core = makeTestCore();
});
afterEach(() => core.dispose());

describe('demo portfolio', () => {
  it('fills an empty database with a varied portfolio, through audited commands', async () => {
    const result = await core.call('demo.load', {});
    expect(result.systems).toBeGreaterThanOrEqual(6);
    expect(result.archived).toBe(1);
    const all = await core.call('systems.list', { includeArchived: true });
    expect(all).toHaveLength(result.systems);
    expect(new Set(all.map((s) => s.autonomyLevel))).toEqual(new Set(['informs', 'augments', 'automates']));
    expect(new Set(all.map((s) => s.deploymentType))).toEqual(new Set(['vendorCloud', 'onPremises', 'embeddedDevice']));
    expect(all.some((s) => s.modelType === 'generative')).toBe(true);
    expect((await core.call('systems.list', {})).length).toBe(result.systems - 1);
    // Assessments at several stages, answered, some by the vendor, with evidence.
    const assessments = await core.call('assessments.list', {});
    expect(assessments).toHaveLength(result.assessments);
    expect(new Set(assessments.map((a) => a.stage))).toEqual(new Set(['procurement', 'validation', 'deployment', 'use']));
    expect(assessments.filter((a) => a.progress.answered === 0).map((a) => a.status)).toEqual([]);
    const bands = new Set(assessments.map((a) => a.overall.band));
    expect(bands.size).toBeGreaterThan(1);
    const details = await Promise.all(assessments.map((a) => core.call('assessments.get', { id: a.id })));
    expect(details.some((d) => d.answers.some((x) => x.source === 'vendor'))).toBe(true);
    expect(details.some((d) => d.evidence.length > 0)).toBe(true);
    // One assessment has a vendor response imported through the exchange: a request record, answers from the vendor.
    const requests = await core.call('vendor.requests', {});
    expect(requests).toEqual([expect.objectContaining({ status: 'imported', vendorName: 'Mediconverse', questionCount: expect.any(Number) })]);
    const exchanged = details.find((d) => d.id === requests[0]?.assessmentId);
    expect(exchanged?.answers.filter((a) => a.answeredBy.startsWith('Mediconverse (vendor response')).length).toBeGreaterThan(0);
    expect(exchanged?.status).toBe('inProgress');
    // The same vendor's published CHAI model card pre-filled what it settles, attached as the evidence for VT-DEV-04.
    const card = exchanged?.evidence.find((e) => e.fileName === 'mediconverse-model-card.xml');
    expect(card?.questionId).toBe('VT-DEV-04');
    expect(exchanged?.answers.find((a) => a.questionId === 'VT-DEV-04')).toMatchObject({ value: 'yes', source: 'vendor' });
    // Answers given plus answers carried into the re-assessment opened by the model change.
    const carried = details.flatMap((d) => d.answers.filter((a) => a.toReconfirm));
    expect(carried.length).toBeGreaterThan(0);
    expect(details.reduce((n, d) => n + d.answers.length, 0)).toBe(result.answers + carried.length);
    // Governance: people, lifecycle stages, reviews in several states, risks treated and accepted.
    expect(result.people).toBeGreaterThanOrEqual(5);
    const stages = new Set((await core.call('systems.list', { includeArchived: true })).map((s) => s.lifecycleStage));
    for (const stage of ['procurement', 'validation', 'deployment', 'reassessmentDue']) expect(stages, stage).toContain(stage);
    const statuses = new Set(assessments.map((a) => a.status));
    for (const status of ['inProgress', 'inReview', 'approved', 'approvedWithConditions', 'returned', 'draft']) expect(statuses, status).toContain(status);
    const risks = await core.call('risks.list', {});
    expect(risks.length).toBe(result.risks);
    const riskStatuses = new Set(risks.map((r) => r.status));
    for (const status of ['identified', 'planned', 'accepted']) expect(riskStatuses, status).toContain(status);
  });

  it('refuses a database that already holds systems, and writes nothing', async () => {
    await core.call('systems.create', { name: 'Our real system', vendor: 'Acme' });
    const result = await core.raw('demo.load', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('CONFLICT');
      expect(result.error.message).toMatch(/only into an empty database/);
    }
    expect(await core.call('systems.list', { includeArchived: true })).toHaveLength(1);
    expect((await core.call('app.info', {})).auditEvents).toBe(1);
  });
});
