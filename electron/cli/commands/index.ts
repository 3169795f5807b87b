import type { AppLayout } from '../../host/open-core.ts';
import type { CliCommand } from '../command.ts';
import { assessmentCommands, evidenceCommands } from './assessments.ts';
import { auditCommands } from './audit.ts';
import { backupCommands } from './backup.ts';
import { dashboardCommand } from './dashboard.ts';
import { demoCommand } from './demo.ts';
import { exportCommands } from './export.ts';
import { incidentsCommands } from './incidents.ts';
import { infoCommand } from './info.ts';
import { modelCardCommand } from './model-card.ts';
import { monitoringCommands } from './monitoring.ts';
import { peopleCommands } from './people.ts';
import { registerCommands } from './register.ts';
import { reviewsCommands } from './reviews.ts';
import { risksCommands } from './risks.ts';
import { serveCommand } from './serve.ts';
import { settingsCommands } from './settings.ts';
import { systemHistoryCommands, systemsCommands } from './systems.ts';
import { teamServeCommand } from './team.ts';
import { teamBackupCommands } from './team-backup.ts';
import { templatesCommands } from './templates.ts';
import { vendorCommands } from './vendor.ts';
import { vendorsCommands } from './vendors.ts';
import { workflowCommands } from './workflow.ts';
import { teamCreateAdminCommand } from './team-accounts.ts';

export interface CommandDeps {
  staticDir: string;
  waitForStop: () => Promise<void>;
  /** Where templates/ is and the version (the team server opens its own core). */
  layout?: AppLayout;
  /** Vigil's version, recorded in team backups' manifests. */
  version?: string;
}

/** Every command the `vigil` binary knows, in help order. */
export const allCommands = (deps: CommandDeps): CliCommand[] => [
  dashboardCommand,
  ...systemsCommands,
  ...vendorsCommands,
  ...assessmentCommands,
  ...evidenceCommands,
  ...workflowCommands,
  ...reviewsCommands,
  ...risksCommands,
  ...systemHistoryCommands,
  ...incidentsCommands,
  ...monitoringCommands,
  ...peopleCommands,
  ...settingsCommands,
  ...auditCommands,
  ...backupCommands,
  teamCreateAdminCommand(deps),
  ...registerCommands,
  ...exportCommands,
  ...templatesCommands,
  ...vendorCommands,
  modelCardCommand,
  demoCommand,
  infoCommand,
  serveCommand(deps),
  teamServeCommand(deps),
  ...teamBackupCommands(deps),
];
