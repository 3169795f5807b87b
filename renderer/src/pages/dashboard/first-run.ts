import type { Dashboard } from '../../../../electron/contract/index.ts';
import type { Route } from '../../routing/use-hash-route.ts';

/**
 * The first-run guide (docs/accessibility.md, "Help where it is needed"): shown on the landing
 * page instead of empty charts while the inventory has no system, gone once one exists.
 */
export const isFirstRun = (dashboard: Pick<Dashboard, 'totals'>): boolean => dashboard.totals.systems === 0;

/** The three first steps, in order, each with the page where it is done. */
export const firstSteps: readonly { title: string; text: string; action: string; route: Route }[] = [
  {
    title: 'Add an AI system',
    text: 'Record the system in the inventory: what it does, who supplies it, how far it acts on its own and what data it sees.',
    action: 'Add AI system',
    route: { page: 'systemNew' },
  },
  {
    title: 'Start an assessment',
    text: 'On the system’s page, choose its lifecycle stage and start the assessment. Answer the questions; the threat profile updates with every answer. Submit it for review when the required questions are answered.',
    action: 'Open the inventory',
    route: { page: 'systems' },
  },
  {
    title: 'Review the risk register',
    text: 'A reviewed assessment puts its risks in the register. Give each an owner and a treatment, or have it accepted; the dashboard then shows what is above the risk appetite and what falls due.',
    action: 'Open the risk register',
    route: { page: 'risks' },
  },
];
