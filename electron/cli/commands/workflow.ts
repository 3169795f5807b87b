import type { WorkflowState } from '../../contract/index.ts';
import type { CliCommand } from '../command.ts';
import { callAndPrint } from '../output.ts';
import { expectedRevisionOption, triples } from '../task-options.ts';

const oneId = { min: 1, max: 1 };

export const describeState = (s: WorkflowState) => `${s.entityId} is ${s.state} (revision ${s.revision}). Allowed now: ${s.allowedEvents.join(', ') || 'nothing'}.\n`;

export const workflowCommands: CliCommand[] = [
  {
    path: ['workflow', 'send'],
    method: 'workflow.send',
    usage: 'vigil workflow send ENTITY_ID EVENT [--actor NAME --role ROLE] [--comment T] [--condition "text|owner|YYYY-MM-DD" ...] [--expected-revision N]',
    summary: 'Send a workflow event (review.submit, review.approve, lifecycle.advance, risk.start, ...); --expected-revision N refuses it if the state has moved on since you read revision N',
    options: { comment: { type: 'string' }, condition: { type: 'string', multiple: true }, 'expected-revision': { type: 'string' } },
    positionals: { min: 2, max: 2 },
    run: (ctx) =>
      callAndPrint(
        ctx,
        'workflow.send',
        {
          entityId: ctx.positionals[0],
          event: ctx.positionals[1],
          comment: (ctx.values.comment as string | undefined) ?? '',
          conditions: triples(ctx.values.condition, '--condition'),
          ...expectedRevisionOption(ctx.values['expected-revision']),
        },
        describeState,
      ),
  },
  {
    path: ['workflow', 'show'],
    method: 'workflow.allowed',
    usage: 'vigil workflow show ENTITY_ID',
    summary: 'The state of a system, assessment or risk and the events allowed now',
    options: {},
    positionals: oneId,
    run: (ctx) => callAndPrint(ctx, 'workflow.allowed', { entityId: ctx.positionals[0] }, describeState),
  },
];
