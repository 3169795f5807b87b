import { DEFAULT_THEME } from '@mantine/core';
import {
  assessmentStatusLabels,
  lifecycleLabels,
  riskStatusLabels,
  vendorRequestStatusLabels,
  type assessmentStatuses,
  type lifecycleStages,
  type requestStatuses,
} from '../../../electron/contract/index.ts';
import type { riskStatuses } from '../pages/risks/risk-model.ts';
import { ensureContrast, mix } from './contrast.ts';

/** The hues a status may take (Mantine's palette names). */
export type StatusHue = 'gray' | 'blue' | 'indigo' | 'violet' | 'grape' | 'cyan' | 'teal' | 'green' | 'lime' | 'yellow' | 'orange' | 'red';

/**
 * Every status the app shows, by kind, with its hue: settled and good in green, waiting in
 * grape, needing work in orange, refused in red, not begun or finished in grey. The words
 * (the label) say the status; the hue only helps the eye find it.
 */
export const statusHues = {
  assessment: {
    draft: 'gray',
    inProgress: 'blue',
    awaitingVendor: 'grape',
    submitted: 'cyan',
    inReview: 'indigo',
    approved: 'green',
    approvedWithConditions: 'lime',
    returned: 'orange',
    rejected: 'red',
  },
  risk: {
    identified: 'orange',
    planned: 'yellow',
    inProgress: 'blue',
    verified: 'teal',
    closed: 'gray',
    acceptanceRequested: 'grape',
    accepted: 'green',
    rejected: 'red',
  },
  lifecycle: {
    procurement: 'violet',
    validation: 'cyan',
    deployment: 'blue',
    inUse: 'green',
    reassessmentDue: 'orange',
    retired: 'gray',
  },
  request: {
    open: 'blue',
    expired: 'gray',
    imported: 'green',
  },
} as const satisfies {
  assessment: Record<(typeof assessmentStatuses)[number], StatusHue>;
  risk: Record<(typeof riskStatuses)[number], StatusHue>;
  lifecycle: Record<(typeof lifecycleStages)[number], StatusHue>;
  request: Record<(typeof requestStatuses)[number], StatusHue>;
};

export type StatusKind = keyof typeof statusHues;

const statusLabels: Record<StatusKind, Readonly<Record<string, string>>> = {
  assessment: assessmentStatusLabels,
  risk: riskStatusLabels,
  lifecycle: lifecycleLabels,
  request: vendorRequestStatusLabels,
};

export const statusHue = (kind: StatusKind, status: string): StatusHue => (statusHues[kind] as Record<string, StatusHue>)[status] ?? 'gray';
export const statusLabel = (kind: StatusKind, status: string): string => statusLabels[kind][status] ?? status;

export interface BadgeColours {
  background: string;
  text: string;
  border: string;
}

/**
 * A status badge's colours in each scheme: a pale tint with deep ink in light, a deep tint
 * with pale ink in dark, the ink darkened or lightened only as far as WCAG AA's 4.5:1 needs.
 */
export function badgeColours(hue: StatusHue, scheme: 'light' | 'dark'): BadgeColours {
  const shades = DEFAULT_THEME.colors[hue];
  if (scheme === 'light') {
    const background = shades[1];
    return { background, text: ensureContrast(shades[9], [background]), border: shades[4] };
  }
  const background = mix(shades[9], '#000000', 0.45);
  return { background, text: ensureContrast(shades[1], [background]), border: shades[7] };
}
