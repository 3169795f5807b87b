import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SystemCreateInput, type DemoResult } from '../../contract/index.ts';
import type { CallContext } from '../deps.ts';
import { DomainError } from '../domain-error.ts';
import type { SystemsService } from '../inventory/systems-service.ts';

const DemoPortfolio = z.strictObject({
  id: z.string(),
  version: z.string(),
  description: z.string(),
  systems: z.array(SystemCreateInput.extend({ archived: z.boolean().optional() })).min(1),
});

export interface DemoService {
  load(ctx: CallContext): DemoResult;
}

/**
 * Fills an empty database with the fictional portfolio in templates/demo/, through the same
 * services (validation, audit events) a user's own data goes through, in one transaction.
 */
export function createDemoService(deps: {
  templatesDir: string;
  systems: SystemsService;
  transaction: <T>(fn: () => T) => T;
}): DemoService {
  return {
    load(ctx) {
      const existing = deps.systems.list({ includeArchived: true, search: '' }).length;
      if (existing > 0) {
        throw new DomainError(
          'CONFLICT',
          `The demo portfolio loads only into an empty database; this one already holds ${existing} AI system(s). Use a new database, e.g. vigil demo --db demo.db.`,
          { existing },
        );
      }
      const file = join(deps.templatesDir, 'demo', 'portfolio.json');
      const parsed = DemoPortfolio.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) {
        throw new DomainError('TEMPLATES_INVALID', `${file} is not a valid demo portfolio: ${parsed.error.issues[0]?.message ?? ''}`);
      }
      return deps.transaction(() => {
        let archived = 0;
        for (const { archived: retire, ...fields } of parsed.data.systems) {
          const system = deps.systems.create(ctx, fields);
          if (retire) {
            deps.systems.archive(ctx, system.id);
            archived++;
          }
        }
        return { systems: parsed.data.systems.length, archived };
      });
    },
  };
}
