import { workspaceModes, type Settings, type WorkspaceMode } from '../../contract/index.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { callAndPrint, formatFields } from '../output.ts';

/** --vendor-contact "Name;email;telephone" (telephone may be left off), or "none" to remove it. */
function vendorContactOf(text: string): Settings['vendorContact'] {
  if (text.trim().toLowerCase() === 'none') return null;
  const [name = '', email = '', telephone = ''] = text.split(';').map((part) => part.trim());
  if (!name || !email) throw new UsageError(`--vendor-contact takes "NAME;EMAIL;TELEPHONE" (telephone optional) or none, not "${text}"`);
  return { name, email, telephone };
}

const governanceFields = (s: Settings): [string, string][] => [
  ['Sign-offs required', String(s.signOffsRequired)],
  ['Separation of duties', s.separationOfDuties ? 'on' : 'off'],
  ['Vendor contact', s.vendorContact ? [s.vendorContact.name, s.vendorContact.email, s.vendorContact.telephone].filter(Boolean).join(', ') : 'not set (Word questionnaires name the person who issued the request)'],
  ...Object.entries(s.acceptanceAuthority).map(([band, who]): [string, string] => [`May accept ${band}`, who.join(', ') || 'nobody']),
];

export const settingsCommands: CliCommand[] = [
  {
    path: ['settings', 'show'],
    method: 'settings.get',
    usage: 'vigil settings show',
    summary: 'Governance settings',
    options: {},
    run: (ctx) =>
      callAndPrint(ctx, 'settings.get', {}, (s: Settings) =>
        // A vendor workspace has no governance settings to show (docs/vendor-mode.md).
        formatFields([
          ['Organisation', s.organisation],
          ['Workspace mode', s.workspaceMode],
          ...(s.workspaceMode === 'vendor' ? [] : governanceFields(s)),
        ]),
      ),
  },
  {
    path: ['settings', 'set'],
    method: 'settings.update',
    usage: 'vigil settings set [--organisation T] [--workspace-mode hospital|vendor] [--sign-offs N] [--accept BAND=role,role ...] [--separation-of-duties on|off] [--vendor-contact "NAME;EMAIL;TELEPHONE" | --vendor-contact none]',
    summary: 'Change settings (vendor mode: --workspace-mode vendor --organisation NAME, on an empty database)',
    options: {
      organisation: { type: 'string' },
      'workspace-mode': { type: 'string' },
      'sign-offs': { type: 'string' },
      accept: { type: 'string', multiple: true },
      'separation-of-duties': { type: 'string' },
      'vendor-contact': { type: 'string' },
    },
    run: (ctx) => {
      const mode = ctx.values['workspace-mode'];
      if (mode !== undefined && !workspaceModes.includes(mode as WorkspaceMode)) throw new UsageError(`--workspace-mode takes hospital or vendor, not "${String(mode)}"`);
      const separation = ctx.values['separation-of-duties'];
      if (separation !== undefined && separation !== 'on' && separation !== 'off') throw new UsageError(`--separation-of-duties takes on or off, not "${String(separation)}"`);
      const accept = ((ctx.values.accept as string[] | undefined) ?? []).map((entry) => {
        const [band, list = ''] = entry.split('=');
        if (!band) throw new UsageError(`--accept takes BAND=role,role, not "${entry}"`);
        return [band, list.split(',').map((r) => r.trim()).filter(Boolean)] as const;
      });
      const contact = ctx.values['vendor-contact'] as string | undefined;
      return callAndPrint(
        ctx,
        'settings.update',
        {
          ...(ctx.values.organisation ? { organisation: ctx.values.organisation } : {}),
          ...(mode !== undefined ? { workspaceMode: mode } : {}),
          ...(ctx.values['sign-offs'] ? { signOffsRequired: Number(ctx.values['sign-offs']) } : {}),
          ...(accept.length > 0 ? { acceptanceAuthority: Object.fromEntries(accept) } : {}),
          ...(separation !== undefined ? { separationOfDuties: separation === 'on' } : {}),
          ...(contact !== undefined ? { vendorContact: vendorContactOf(contact) } : {}),
        },
        () => 'Settings saved.\n',
      );
    },
  },
];
