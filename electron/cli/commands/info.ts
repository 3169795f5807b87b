import type { AppInfo } from '../../contract/index.ts';
import type { CliCommand } from '../command.ts';
import { formatFields, printError, printJson } from '../output.ts';

export const infoCommand: CliCommand = {
  path: ['info'],
  method: 'app.info',
  usage: 'vigil info',
  summary: 'Show the version, schema version and database in use',
  options: {},
  async run(ctx) {
    const result = await ctx.call('app.info', {});
    if (!result.ok) {
      printError(ctx.io, result.error, ctx.json);
      return 1;
    }
    const info = result.value as AppInfo;
    if (ctx.json) printJson(ctx.io, info);
    else
      ctx.io.stdout(
        formatFields([
          ['Vigil', info.version],
          ['Database', info.databasePath],
          ['Schema version', String(info.schemaVersion)],
          ['Audit events', String(info.auditEvents)],
        ]),
      );
    return 0;
  },
};
