import type { AppInfo } from '../../contract/index.ts';
import type { CliCommand } from '../command.ts';
import { callAndPrint, formatFields } from '../output.ts';

export const infoCommand: CliCommand = {
  path: ['info'],
  method: 'app.info',
  usage: 'vigil info',
  summary: 'Show the version, schema version and database in use',
  options: {},
  run: (ctx) =>
    callAndPrint(ctx, 'app.info', {}, (info: AppInfo) =>
      formatFields([
        ['Vigil', info.version],
        ['Database', info.databasePath],
        ['Schema version', String(info.schemaVersion)],
        ['Audit events', String(info.auditEvents)],
      ]),
    ),
};
