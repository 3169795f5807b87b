import { randomBytes } from 'node:crypto';
import { startRpcServer } from '../../server/rpc-server.ts';
import { UsageError, type CliCommand } from '../command.ts';

/** Browser mode: the same core, reached over HTTP on 127.0.0.1 from a local browser. */
export function serveCommand(deps: { staticDir: string; waitForStop: () => Promise<void> }): CliCommand {
  return {
    path: ['serve'],
    usage: 'vigil serve [--port N]',
    summary: 'Run Vigil in your browser (127.0.0.1 only)',
    options: { port: { type: 'string' } },
    longRunning: true,
    async run(ctx) {
      const portText = ctx.values.port as string | undefined;
      const port = portText === undefined ? 0 : Number(portText);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UsageError(`--port must be a whole number from 0 to 65535, not "${portText ?? ''}"`);
      }
      // Open the database now, not at the first page load: the start-up check and the scheduled
      // due-date sweep run from launch.
      await ctx.callFromPage('app.info', {});
      const server = await startRpcServer({
        dispatch: ctx.callFromPage,
        staticDir: deps.staticDir,
        token: randomBytes(24).toString('base64url'),
        port,
      });
      if (ctx.json) ctx.io.stdout(`${JSON.stringify({ url: server.url, port: server.port, database: ctx.dbPath })}\n`);
      else {
        ctx.io.stdout(`Vigil is running in browser mode. Open this address in your browser:\n${server.url}\n`);
        ctx.io.stdout(`Database: ${ctx.dbPath}\nPress Ctrl+C to stop.\n`);
      }
      await deps.waitForStop();
      await server.close();
      return 0;
    },
  };
}
