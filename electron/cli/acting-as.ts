import { UsageError, type OptionValues } from './command.ts';

/** --actor and --role together name the person acting; either alone is a usage error. */
export function actingAs(values: OptionValues): { by?: { name: string; role: string } } {
  const name = values.actor as string | undefined;
  const role = values.role as string | undefined;
  if (!name && !role) return {};
  if (!name || !role) throw new UsageError('--actor and --role go together');
  return { by: { name, role } };
}

/** The --actor and --role options of commands that record who acted. */
export const acting = { actor: { type: 'string' }, role: { type: 'string' } } as const;
