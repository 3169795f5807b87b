import type { Settings } from '../../contract/index.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { callAndPrint, formatFields } from '../output.ts';

export const settingsCommands: CliCommand[] = [
  {
    path: ['settings', 'show'],
    method: 'settings.get',
    usage: 'vigil settings show',
    summary: 'Governance settings',
    options: {},
    run: (ctx) =>
      callAndPrint(ctx, 'settings.get', {}, (s: Settings) =>
        formatFields([
          ['Organisation', s.organisation],
          ['Sign-offs required', String(s.signOffsRequired)],
          ['Separation of duties', s.separationOfDuties ? 'on' : 'off'],
          ...Object.entries(s.acceptanceAuthority).map(([band, who]) => [`May accept ${band}`, who.join(', ') || 'nobody'] as [string, string]),
        ]),
      ),
  },
  {
    path: ['settings', 'set'],
    method: 'settings.update',
    usage: 'vigil settings set [--organisation T] [--sign-offs N] [--accept BAND=role,role ...] [--separation-of-duties on|off]',
    summary: 'Change governance settings',
    options: { organisation: { type: 'string' }, 'sign-offs': { type: 'string' }, accept: { type: 'string', multiple: true }, 'separation-of-duties': { type: 'string' } },
    run: (ctx) => {
      const separation = ctx.values['separation-of-duties'];
      if (separation !== undefined && separation !== 'on' && separation !== 'off') throw new UsageError(`--separation-of-duties takes on or off, not "${String(separation)}"`);
      const accept = ((ctx.values.accept as string[] | undefined) ?? []).map((entry) => {
        const [band, list = ''] = entry.split('=');
        if (!band) throw new UsageError(`--accept takes BAND=role,role, not "${entry}"`);
        return [band, list.split(',').map((r) => r.trim()).filter(Boolean)] as const;
      });
      return callAndPrint(
        ctx,
        'settings.update',
        {
          ...(ctx.values.organisation ? { organisation: ctx.values.organisation } : {}),
          ...(ctx.values['sign-offs'] ? { signOffsRequired: Number(ctx.values['sign-offs']) } : {}),
          ...(accept.length > 0 ? { acceptanceAuthority: Object.fromEntries(accept) } : {}),
          ...(separation !== undefined ? { separationOfDuties: separation === 'on' } : {}),
        },
        () => 'Settings saved.\n',
      );
    },
  },
];
