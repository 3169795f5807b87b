import type { CliCommand } from '../command.ts';
import { assessmentCommands, evidenceCommands } from './assessments.ts';
import { auditCommands } from './audit.ts';
import { backupCommands } from './backup.ts';
import { demoCommand } from './demo.ts';
import { exportCommands } from './export.ts';
import { governanceCommands } from './governance.ts';
import { infoCommand } from './info.ts';
import { modelCardCommand } from './model-card.ts';
import { serveCommand } from './serve.ts';
import { systemsCommands } from './systems.ts';
import { templatesCommands } from './templates.ts';
import { vendorCommands } from './vendor.ts';

export interface CommandDeps {
  staticDir: string;
  waitForStop: () => Promise<void>;
}

/** Every command the `vigil` binary knows, in help order. */
export const allCommands = (deps: CommandDeps): CliCommand[] => [...systemsCommands, ...assessmentCommands, ...evidenceCommands, ...governanceCommands, ...auditCommands, ...backupCommands, ...exportCommands, ...templatesCommands, ...vendorCommands, modelCardCommand, demoCommand, infoCommand, serveCommand(deps)];
