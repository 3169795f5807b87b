import { UsageError, type CliCommand } from '../command.ts';
import { callAndPrint } from '../output.ts';
import { describeTrigger } from './systems.ts';

export const incidentsCommands: CliCommand[] = [
  {
    path: ['incidents', 'report'],
    method: 'incidents.report',
    usage: 'vigil incidents report --system ID --kind securityIncident|suspectedManipulation|driftAlert --description TEXT [--date YYYY-MM-DD]',
    summary: 'Report an incident; the system becomes due for re-assessment',
    options: { system: { type: 'string' }, kind: { type: 'string' }, description: { type: 'string' }, date: { type: 'string' } },
    run: (ctx) => {
      if (!ctx.values.system) throw new UsageError('--system ID is required');
      return callAndPrint(
        ctx,
        'incidents.report',
        { systemId: ctx.values.system, kind: ctx.values.kind, description: ctx.values.description, ...(ctx.values.date ? { occurredAt: ctx.values.date } : {}) },
        describeTrigger,
      );
    },
  },
];
