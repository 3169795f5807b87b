// The vendor import preview in words: option labels, "I don't know", text, numbers and dates as given,
// for the incoming, the previous and the current answer, from the assessment's pinned questionnaire.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerValue, ImportPreview, RequestQuestion } from '../../../electron/contract/index.ts';
import { exchangeSetup } from './exchange-fixture.ts';

let setup: Awaited<ReturnType<typeof exchangeSetup>>;
beforeEach(async () => {
  setup = await exchangeSetup();
});
afterEach(() => setup.dispose());

/** The vendor opens the request and answers with `answers`, then responds. */
async function respond(text: string, answers: (questions: RequestQuestion[]) => { questionId: string; value?: AnswerValue; unknown?: true }[]): Promise<string> {
  const item = await setup.vendor.call('vendorInbox.open', { text });
  await setup.vendor.call('vendorInbox.answer', { id: item.id, answers: answers(item.questions) });
  return (await setup.vendor.call('vendorInbox.respond', { id: item.id })).text;
}

const pick = (questions: RequestQuestion[], kind: RequestQuestion['kind'], options = -1) => {
  const q = questions.find((x) => x.kind === kind && x.options.length > options);
  if (!q) throw new Error(`no ${kind} question in the request`);
  return q;
};

describe('import preview in words', () => {
  it('shows labels, "I don\'t know", text, numbers and dates as given, for incoming, previous and current answers', async () => {
    const questions = (JSON.parse(setup.created.text) as { questions: RequestQuestion[] }).questions;
    const choice = pick(questions, 'choice', 2);
    const multi = pick(questions, 'multi', 2);
    const yesNo = pick(questions, 'yesNo', 1);
    const text = pick(questions, 'text');
    const date = questions.find((q) => q.kind === 'date');
    const second = choice.options[1];
    if (!second || !multi.options[0] || !multi.options[1]) throw new Error('options missing');

    const first = await respond(setup.created.text, () => [
      { questionId: choice.id, value: second.value },
      { questionId: multi.id, value: [multi.options[0]!.value, multi.options[1]!.value] },
      { questionId: yesNo.id, unknown: true },
      { questionId: text.id, value: 'We publish a model card for every release.' },
      ...(date ? [{ questionId: date.id, value: '2031-12-31' }] : []),
    ]);
    // The preview is the hospital's: its labels are the questionnaire's own, not the vendor wording the request carried.
    const detail = await setup.hospital.call('assessments.get', { id: setup.assessmentId });
    const labels = new Map<string, string>();
    for (const pinned of detail.questionnaires) {
      const questionnaire = await setup.hospital.call('templates.get', { id: pinned.id });
      for (const q of questionnaire.sections.flatMap((sec) => sec.questions)) for (const o of 'options' in q ? q.options : []) labels.set(`${q.id}=${o.value}`, o.label);
    }
    const label = (questionId: string, option: { value: string; label: string }) => labels.get(`${questionId}=${option.value}`) ?? option.label;
    const p: ImportPreview = await setup.hospital.call('vendor.previewImport', { text: first });
    const by = new Map(p.answers.map((a) => [a.questionId, a]));
    expect(by.get(choice.id)).toMatchObject({ incoming: second.value, incomingText: label(choice.id, second), previousText: null, currentText: null });
    expect(by.get(multi.id)?.incomingText).toBe(`${label(multi.id, multi.options[0])}; ${label(multi.id, multi.options[1])}`);
    expect(by.get(yesNo.id)).toMatchObject({ incomingUnknown: true, incomingText: "I don't know" });
    expect(by.get(text.id)?.incomingText).toBe('We publish a model card for every release.');
    if (date) expect(by.get(date.id)?.incomingText).toBe('2031-12-31');
    // No raw option code is shown as the text where a label exists.
    for (const a of p.answers) if (typeof a.incoming === 'string' && a.incomingText !== a.incoming) expect(a.incomingText).not.toBe(a.incoming);
    await setup.hospital.call('vendor.import', { text: first });

    // A second response: the previous answer is the first response's, the current one what the assessment holds.
    const again = await setup.hospital.call('vendor.request', { assessmentId: setup.assessmentId });
    const firstOption = choice.options[0]!;
    const secondResponse = await respond(again.text, () => [
      { questionId: choice.id, value: firstOption.value },
      { questionId: yesNo.id, value: yesNo.options[0]!.value },
    ]);
    const p2: ImportPreview = await setup.hospital.call('vendor.previewImport', { text: secondResponse });
    const by2 = new Map(p2.answers.map((a) => [a.questionId, a]));
    expect(by2.get(choice.id)).toMatchObject({ change: 'changed', incomingText: label(choice.id, firstOption), previousText: label(choice.id, second), currentText: label(choice.id, second), currentSource: 'vendor' });
    expect(by2.get(yesNo.id)).toMatchObject({ incomingText: yesNo.options[0]!.label, previousText: "I don't know", currentText: "I don't know" });
  });
});
