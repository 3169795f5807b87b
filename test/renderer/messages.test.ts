// Words, not codes (issue 19): every error code has a title and advice in the renderer's one
// catalogue, and what the page shows of the core's real refusals (made by a real core here, not
// typed by hand) carries no code: no "(CODE)", no event or method name, no camelCase field or
// state, no schema path, no "Allowed now:".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCodes, type Result } from '../../electron/contract/index.ts';
import { ApiError } from '../../renderer/src/api/api-client.ts';
import { issuesOnForm } from '../../renderer/src/components/form-issues.ts';
import { codePattern, errorCatalogue, errorWords, fieldLabel, inWords, issueWords } from '../../renderer/src/text/messages.ts';
import { formatDate, formatDateTime } from '../../renderer/src/text/format.ts';
import { checkRevision } from '../../electron/core/rules/revisions.ts';
import { DomainError } from '../../electron/core/domain-error.ts';
import { makeTestCore, type TestCore } from '../support/core-fixture.ts';
import { addPeople, answerFor, assessorPerson, benignSystem, chair } from '../support/governance-fixture.ts';

const refusal = (result: Result<unknown>): ApiError => {
  if (result.ok) throw new Error('expected a refusal');
  return new ApiError(result.error);
};

describe('the error catalogue', () => {
  it('has a title and what to do for every error code in the contract, in words', () => {
    expect(Object.keys(errorCatalogue).sort()).toEqual([...errorCodes].sort());
    for (const code of errorCodes) {
      const { title, todo } = errorCatalogue[code];
      expect(title.length, code).toBeGreaterThan(5);
      expect(todo.length, code).toBeGreaterThan(5);
      expect(`${title} ${todo}`, code).not.toMatch(codePattern);
    }
  });

  it('the code pattern catches what must not be shown, and lets words through', () => {
    for (const code of ['(TRANSITION_REFUSED)', 'VALIDATION_FAILED', 'lifecycle.advance', 'changes.intendedUsers', 'inProgress', 'Allowed now: x']) expect(code).toMatch(codePattern);
    for (const words of ['Advance to next stage', 'Intended users', 'SYS-ABCD1234 is in use', 'Version 1.0.0 of PR-GOV-01']) expect(words).not.toMatch(codePattern);
  });
});

describe('field names and issues', () => {
  it('names a schema path by the field’s label, with its row', () => {
    expect(fieldLabel('changes.intendedUsers')).toBe('Intended users');
    expect(fieldLabel('treatment.actions.1.due')).toBe('Due date (row 2)');
    expect(fieldLabel('conditions.0.owner')).toBe('Owner (row 1)');
    expect(fieldLabel('someNewField')).toBe('Some new field');
    expect(fieldLabel('')).toBe('The entry');
  });

  it('turns zod’s own wording and camelCase field names into words', () => {
    expect(issueWords({ message: 'Invalid option: expected one of "informs"|"augments"|"autonomous"' })).toBe('Choose one of the options offered');
    expect(issueWords({ message: 'Too big: expected string to have <=200 characters' })).toBe('At most 200 characters');
    expect(issueWords({ message: 'Unknown field "favouriteColour"' })).toBe('Favourite colour is not a field here');
    expect(issueWords({ message: 'expectedRevision must be a whole number' })).toBe('Version shown must be a whole number');
    expect(inWords('lifecycle.advance is not allowed. Allowed now: lifecycle.retire. (TRANSITION_REFUSED)')).toBe('“Advance to next stage” is not allowed. What can be done now: “Retire”.');
  });

  it('places issues on a form in words', () => {
    const placed = issuesOnForm([{ path: 'changes.autonomyLevel', message: 'Invalid option: expected one of "a"|"b"' }], ['autonomyLevel'], { prefix: 'changes.' });
    expect(placed.fields.autonomyLevel).toBe('Choose one of the options offered');
  });
});

describe('the core’s real refusals, as the page shows them', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = makeTestCore();
    await addPeople(core);
  });
  afterEach(() => core.dispose());

  it('shows no code in any of them, and keeps what the core said', async () => {
    const system = (await core.call('systems.create', benignSystem)).id;
    const assessment = (await core.call('assessments.start', { systemId: system, stage: 'procurement' })).id;
    // One answer: the assessment is in progress, its other required questions unanswered.
    const detail = await core.call('assessments.get', { id: assessment });
    const first = detail.questionnaireSnapshots[0]!.sections[0]!.questions.find((q) => q.id === detail.visibleQuestions[0])!;
    await core.call('assessments.answer', { id: assessment, answers: [answerFor(first, 'safest')] });
    const errors = [
      // A schema refusal with a field path, an option code and an unknown field.
      refusal(await core.raw('systems.update', { id: system, changes: { intendedUsers: 'x'.repeat(5000), autonomyLevel: 'robot', colour: 'red' } })),
      // A lifecycle step the gate refuses, naming the allowed events.
      refusal(await core.raw('workflow.send', { entityId: system, event: 'lifecycle.advance', by: chair })),
      // A submission with required questions unanswered.
      refusal(await core.raw('workflow.send', { entityId: assessment, event: 'review.submit', by: assessorPerson })),
      // A sign-off without the person acting.
      refusal(await core.raw('workflow.send', { entityId: assessment, event: 'review.approve' })),
      // A role the person does not hold.
      refusal(await core.raw('systems.create', { ...benignSystem, name: 'Another', by: { name: assessorPerson.name, role: 'committeeChair' } })),
      // Something that is not there.
      refusal(await core.raw('systems.get', { id: 'SYS-NOPE0000' })),
    ];
    const codes = errors.map((e) => e.error.code);
    expect(codes).toEqual(['VALIDATION_FAILED', 'TRANSITION_REFUSED', 'TRANSITION_REFUSED', 'VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND']);
    // The raw sentences do carry codes: the catalogue has work to do.
    expect(errors.filter((e) => codePattern.test(e.error.message)).length).toBeGreaterThanOrEqual(4);
    for (const error of errors) {
      const shown = errorWords(error);
      expect(`${shown.title} ${shown.message} ${shown.todo}`, error.error.message).not.toMatch(codePattern);
      expect(shown.message.length).toBeGreaterThan(10);
    }
    const [invalid, advance, submit, unsigned] = errors.map((e) => errorWords(e).message);
    expect(invalid).toMatch(/^Check these entries — /);
    expect(invalid).toContain('Intended users must be at most');
    // Option codes as the form lists them.
    expect(invalid).toContain('Autonomy level must be one of: “Informs (clinician decides)”, “Augments (suggests a decision)”');
    expect(invalid).toContain('Colour is not a field here');
    expect(advance).toMatch(/^“Advance to next stage” is not possible: /);
    expect(submit).toMatch(/^“Submit for review” is not possible: \d+ required question\(s\) unanswered: PR-/);
    expect(unsigned).toContain('“Approve”');
    expect(errorWords(errors[3]).todo).toMatch(/Acting as/);
  });

  it('puts the field’s label before an issue that does not name it', () => {
    const error = new ApiError({
      code: 'VALIDATION_FAILED',
      message: 'Invalid input for risks.treat: treatment.owner: required; treatment.actions.1.due: Dates are YYYY-MM-DD',
      details: { issues: [{ path: 'treatment.owner', message: 'required' }, { path: 'treatment.actions.1.due', message: 'Dates are YYYY-MM-DD' }] },
    });
    expect(errorWords(error).message).toBe('Check these entries — Owner: required; Due date (row 2): dates are YYYY-MM-DD.');
  });

  it('shows when someone else changed a record in the reader’s date format and clock, never the core’s UTC or ISO words', () => {
    const changedAt = '2026-12-06T10:42:31.000Z';
    let refused: unknown = null;
    try {
      checkRevision({ what: 'the settings', reload: 'Reload to see the change.' }, 2, { revision: 3, revisedBy: 'Dana Reviewer', revisedAt: changedAt });
    } catch (error) {
      refused = error;
    }
    if (!(refused instanceof DomainError)) throw new Error('checkRevision did not refuse');
    expect(refused.message).toContain('10:42 UTC on 2026-12-06');
    const shown = errorWords(new ApiError({ code: refused.code, message: refused.message, details: refused.details }));
    expect(shown.message).toBe(`Dana Reviewer changed the settings on ${formatDateTime(changedAt)} (revision 3; you edited revision 2). Reload to see the change.`);
    expect(shown.message).not.toMatch(/\d{4}-\d{2}-\d{2}|UTC/);
    // Any other ISO moment or date in a sentence is written the same way; a file name keeps its date.
    const imported = errorWords(new ApiError({ code: 'CONFLICT', message: 'Request VRQ-AB12 was already answered (imported on 2026-11-30T08:00:00.000Z); due 2027-01-15; see vigil-register-2026-12-07.docx.' })).message;
    expect(imported).toBe(`Request VRQ-AB12 was already answered (imported on ${formatDateTime('2026-11-30T08:00:00.000Z')}); due ${formatDate('2027-01-15')}; see vigil-register-2026-12-07.docx.`);
  });

  it('leaves a plain error alone but for its codes', () => {
    expect(errorWords(new Error('The network went away')).message).toBe('The network went away');
    expect(errorWords('plain text').code).toBeNull();
  });
});
