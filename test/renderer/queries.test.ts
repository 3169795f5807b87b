// The query cache's rules, with a real TanStack QueryClient (no DOM needed): a saved answer is
// folded into the cached assessment at once, a refetch already under way cannot overwrite it, and
// governance steps refetch everything that shows workflow state.
import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerResult, AssessmentDetail } from '../../electron/contract/index.ts';
import { applyAnswerResult, assessmentKeys, governanceKeys, invalidateGovernance, systemKeys } from '../../renderer/src/api/queries.ts';

const id = 'ASM-ABCD1234';

const cachedDetail = (patch: Partial<AssessmentDetail> = {}): AssessmentDetail =>
  ({
    id,
    title: 'Procurement of Sepsis',
    status: 'draft',
    answers: [],
    progress: { answered: 0 },
    profile: { overall: { band: 'high', highestResidual: 16 }, scoredAt: '2025-01-01T00:00:00Z', threats: [] },
    overall: { band: 'high', highestResidual: 16 },
    visibleQuestions: ['Q1'],
    updatedAt: '2025-01-01T00:00:00Z',
    editable: true,
    ...patch,
  }) as unknown as AssessmentDetail;

const result = (patch: Partial<AnswerResult> = {}): AnswerResult =>
  ({
    status: 'inProgress',
    answers: [{ questionId: 'Q1', value: 'yes' }],
    progress: { answered: 1 },
    profile: { overall: { band: 'medium', highestResidual: 9 }, scoredAt: '2025-02-02T00:00:00Z', threats: [] },
    visibleQuestions: ['Q1', 'Q2'],
    ...patch,
  }) as unknown as AnswerResult;

const clients: QueryClient[] = [];
const newClient = () => {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  clients.push(client);
  return client;
};

afterEach(() => {
  for (const client of clients.splice(0)) client.clear();
});

describe('applyAnswerResult', () => {
  it('folds the saved state into the cached assessment and keeps everything else', async () => {
    const client = newClient();
    client.setQueryData(assessmentKeys.one(id), cachedDetail({ status: 'inProgress' }));
    await applyAnswerResult(client, id, result());
    const detail = client.getQueryData<AssessmentDetail>(assessmentKeys.one(id));
    expect(detail).toMatchObject({
      id,
      title: 'Procurement of Sepsis',
      editable: true,
      status: 'inProgress',
      answers: [{ questionId: 'Q1', value: 'yes' }],
      progress: { answered: 1 },
      overall: { band: 'medium', highestResidual: 9 },
      visibleQuestions: ['Q1', 'Q2'],
      updatedAt: '2025-02-02T00:00:00Z',
    });
  });

  it('leaves an assessment that is not cached uncached', async () => {
    const client = newClient();
    await applyAnswerResult(client, id, result());
    expect(client.getQueryData(assessmentKeys.one(id))).toBeUndefined();
  });

  it('cancels a refetch already under way, so its older answer cannot overwrite the save', async () => {
    const client = newClient();
    client.setQueryData(assessmentKeys.one(id), cachedDetail({ status: 'inProgress' }));
    let answerRefetch: (d: AssessmentDetail) => void = () => undefined;
    const refetch = client
      .fetchQuery({
        queryKey: assessmentKeys.one(id),
        queryFn: () => new Promise<AssessmentDetail>((resolve) => (answerRefetch = resolve)),
        staleTime: 0,
      })
      .catch(() => 'cancelled');
    await applyAnswerResult(client, id, result());
    // The refetch was read before the save: its answer is the old state.
    answerRefetch(cachedDetail({ status: 'inProgress', answers: [] }));
    await refetch;
    await new Promise((r) => setTimeout(r, 0));
    expect(client.getQueryData<AssessmentDetail>(assessmentKeys.one(id))?.answers).toEqual([{ questionId: 'Q1', value: 'yes' }]);
  });

  it('marks the assessment lists stale, and the detail only when the status moved', async () => {
    const client = newClient();
    client.setQueryData(assessmentKeys.one(id), cachedDetail({ status: 'inProgress' }));
    client.setQueryData(assessmentKeys.list({ systemId: 'SYS-ABCD' }), []);
    client.setQueryData(['templates', 'list'], []);
    await applyAnswerResult(client, id, result({ status: 'inProgress' }));
    const state = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect(state(assessmentKeys.list({ systemId: 'SYS-ABCD' }))).toBe(true);
    expect(state(assessmentKeys.one(id))).toBe(false);
    expect(state(['templates', 'list'])).toBe(false);
  });

  it('refetches the detail when the first answer moves a draft into progress (the allowed steps change)', async () => {
    const client = newClient();
    client.setQueryData(assessmentKeys.one(id), cachedDetail({ status: 'draft' }));
    await applyAnswerResult(client, id, result({ status: 'inProgress' }));
    expect(client.getQueryState(assessmentKeys.one(id))?.isInvalidated).toBe(true);
  });
});

describe('query keys and governance refetch', () => {
  it('nests every list and detail under its family key, so invalidating the family reaches them', () => {
    expect(systemKeys.list({ includeArchived: false, search: '' }).slice(0, 1)).toEqual([...systemKeys.all]);
    expect(systemKeys.one('SYS-A').slice(0, 1)).toEqual([...systemKeys.all]);
    expect(assessmentKeys.list({}).slice(0, 2)).toEqual([...assessmentKeys.lists]);
    expect(assessmentKeys.one(id).slice(0, 1)).toEqual([...assessmentKeys.all]);
    expect(governanceKeys.riskList({}).slice(0, 1)).toEqual([...governanceKeys.risks]);
    expect(governanceKeys.risk('RSK-A').slice(0, 1)).toEqual([...governanceKeys.risks]);
  });

  it('a governance step marks systems, assessments, risks, review queues and histories stale, not templates or people', async () => {
    const client = newClient();
    const keys = {
      systems: systemKeys.one('SYS-A'),
      assessment: assessmentKeys.one(id),
      risks: governanceKeys.riskList({}),
      queue: governanceKeys.queue('mine'),
      history: governanceKeys.history('SYS-A'),
      templates: ['templates', 'list'],
      people: governanceKeys.people,
      settings: governanceKeys.settings,
    };
    for (const key of Object.values(keys)) client.setQueryData(key, {});
    await invalidateGovernance(client);
    const stale = Object.entries(keys)
      .filter(([, key]) => client.getQueryState(key)?.isInvalidated)
      .map(([name]) => name);
    expect(stale).toEqual(['systems', 'assessment', 'risks', 'queue', 'history']);
  });
});
