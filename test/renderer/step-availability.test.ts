// Workflow buttons are offered only when the core would take the step; otherwise disabled with
// the reason in words (issue 19, item 3).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workflowEvents } from '../../electron/contract/index.ts';
import { advanceAvailability, gateMissing, stepAvailability, submitAvailability, submitMissing } from '../../renderer/src/components/step-availability.ts';

const history = (allowedEvents: string[], gate: { stageApproved: boolean; blockingRisks: string[]; assessmentId: string | null } | null) => ({
  lifecycle: { entityId: 'SYS-AAAA', kind: 'system' as const, state: 'procurement', allowedEvents, revision: 1 },
  gate: gate ? { stage: 'procurement', ...gate } : null,
});

const riskIds = fc.array(fc.stringMatching(/^RSK-[A-Z0-9]{4}$/), { maxLength: 6 });
const questionIds = fc.array(fc.stringMatching(/^Q-[A-Z]{2}-\d{2}$/), { maxLength: 50 });
const someEvents = fc.subarray([...workflowEvents]);
// No event names, codes or "Allowed now:" on screen: the reason is for people.
const inWords = (reason: string) => !/\b(lifecycle|review|risk|vendor)\.[a-z]/i.test(reason) && !reason.includes('Allowed now') && !/[A-Z_]{6,}/.test(reason);

describe('stepAvailability', () => {
  it('is enabled exactly when the event is allowed and nothing is missing, and otherwise always says why', () => {
    fc.assert(
      fc.property(fc.constantFrom(...workflowEvents), someEvents, fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }), (event, allowed, missing) => {
        const a = stepAvailability(event, allowed, missing, 'Not possible now.');
        expect(a.enabled).toBe(allowed.includes(event) && missing.length === 0);
        if (!a.enabled) expect(a.reason.length).toBeGreaterThan(0);
        else expect(a.reason).toBeNull();
        if (missing.length > 0) expect(a.reason).toBe(missing.join(' '));
      }),
    );
  });
});

describe('advance to next stage', () => {
  it('the reported case: neither gate condition met — disabled, naming both', () => {
    const a = advanceAvailability(history(['lifecycle.retire'], { stageApproved: false, blockingRisks: ['RSK-AAAA', 'RSK-BBBB'], assessmentId: 'ASM-AAAA' }), 'procurement', 'Procurement');
    expect(a).toEqual({
      enabled: false,
      reason: 'The procurement assessment is not approved yet. 2 risks above the appetite still need a treatment plan or a valid acceptance.',
    });
  });

  it('no assessment yet, one risk open, or the gate open', () => {
    expect(gateMissing({ stage: 'validation', assessmentId: null, stageApproved: false, blockingRisks: [] }, 'validation')).toEqual(['No validation assessment has been started yet.']);
    expect(gateMissing({ stage: 'validation', assessmentId: 'ASM-AAAA', stageApproved: true, blockingRisks: ['RSK-AAAA'] }, 'validation')).toEqual([
      '1 risk above the appetite still needs a treatment plan or a valid acceptance.',
    ]);
    expect(advanceAvailability(history(['lifecycle.advance', 'lifecycle.retire'], { stageApproved: true, blockingRisks: [], assessmentId: 'ASM-AAAA' }), 'procurement', 'Procurement')).toEqual({
      enabled: true,
      reason: null,
    });
  });

  it('not yet loaded, or not allowed with no gate to explain it', () => {
    expect(advanceAvailability(undefined, 'procurement', 'Procurement').enabled).toBe(false);
    expect(advanceAvailability(history([], null), 'use', 'In use')).toEqual({ enabled: false, reason: 'Not possible at In use.' });
  });

  it('follows the core: enabled only if it lists the step and its gate names nothing missing; every reason in words', () => {
    fc.assert(
      fc.property(someEvents, fc.boolean(), riskIds, fc.option(fc.constant('ASM-AAAA'), { nil: null }), (allowed, stageApproved, blockingRisks, assessmentId) => {
        const a = advanceAvailability(history(allowed, { stageApproved, blockingRisks, assessmentId }), 'procurement', 'Procurement');
        expect(a.enabled).toBe(allowed.includes('lifecycle.advance') && stageApproved && blockingRisks.length === 0);
        if (!a.enabled) {
          expect(inWords(a.reason)).toBe(true);
          if (blockingRisks.length > 0) expect(a.reason).toContain(`${blockingRisks.length} risk`);
        }
      }),
    );
  });
});

describe('submit for review', () => {
  it('names how many required questions are missing and how many carried answers wait', () => {
    expect(submitMissing({ missingRequired: ['Q-1', 'Q-2'], toReconfirm: ['Q-3'] })).toEqual(['2 required questions are unanswered.', '1 carried answer is still to re-confirm.']);
    expect(submitAvailability(['review.submit'], { missingRequired: [], toReconfirm: [] }, false)).toEqual({ enabled: true, reason: null });
    expect(submitAvailability(['review.submit'], { missingRequired: [], toReconfirm: [] }, true)).toEqual({ enabled: false, reason: 'Waiting for the last answers to be saved.' });
  });

  it('is enabled only when allowed, nothing is missing and nothing is being saved; the count is in the reason', () => {
    fc.assert(
      fc.property(someEvents, questionIds, questionIds, fc.boolean(), (allowed, missingRequired, toReconfirm, saving) => {
        const a = submitAvailability(allowed, { missingRequired, toReconfirm }, saving);
        expect(a.enabled).toBe(allowed.includes('review.submit') && missingRequired.length === 0 && toReconfirm.length === 0 && !saving);
        if (!a.enabled) {
          expect(inWords(a.reason)).toBe(true);
          if (missingRequired.length > 0) expect(a.reason).toContain(`${missingRequired.length} required question`);
        }
      }),
    );
  });
});

describe('an unavailable step as a button', () => {
  it('is marked disabled for assistive technology yet stays focusable (no native disabled), and is plain when available', async () => {
    const { unavailableButtonProps } = await import('../../renderer/src/components/step-availability.ts');
    expect(unavailableButtonProps(true)).toEqual({ 'data-disabled': true, 'aria-disabled': true });
    expect(unavailableButtonProps(true)).not.toHaveProperty('disabled');
    expect(unavailableButtonProps(false)).toEqual({});
  });
});
