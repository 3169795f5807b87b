import type { Person } from '../../contract/index.ts';
import type { CliCommand, CommandContext } from '../command.ts';
import { callAndPrint, formatTable } from '../output.ts';

export const peopleCommands: CliCommand[] = [
  {
    path: ['people', 'list'],
    method: 'people.list',
    usage: 'vigil people list',
    summary: 'People and their governance roles',
    options: {},
    run: (ctx) =>
      callAndPrint(ctx, 'people.list', {}, (people: Person[]) =>
        people.length === 0 ? 'No people yet. Add one with: vigil people add --name N --roles reviewer\n' : formatTable(['ID', 'Name', 'Roles', 'Active'], people.map((p) => [p.id, p.name, p.roles.join(', '), p.active ? 'yes' : 'no'])),
      ),
  },
  {
    path: ['people', 'add'],
    method: 'people.save',
    usage: 'vigil people add --name NAME --roles assessor,reviewer,committeeChair,riskOwner [--email E]',
    summary: 'Add a person with their roles',
    options: { name: { type: 'string' }, roles: { type: 'string' }, email: { type: 'string' } },
    run: (ctx: CommandContext) =>
      callAndPrint(
        ctx,
        'people.save',
        { name: ctx.values.name, roles: String(ctx.values.roles ?? '').split(',').map((r) => r.trim()).filter(Boolean), ...(ctx.values.email ? { email: ctx.values.email } : {}) },
        (p: Person) => `Added ${p.name} (${p.id}) as ${p.roles.join(', ')}\n`,
      ),
  },
];
