import type { Repositories } from '../store/storage-port.ts';

/**
 * What was observed about a system after it went live, as scoring counts it (issue 20): a
 * monitoring value outside its acceptance criterion, clinician training below the hospital's
 * target or overdue. Each raises one threat's likelihood in the live profile (scoring model 2,
 * trace step `observed`), with `detail` naming what was seen, so the trace says why.
 */
export interface ObservedSignal {
  threatId: string;
  source: 'monitoring' | 'readiness';
  /** Stable for the same observation (a criterion and month, a training group): the order signals are counted in. */
  ref: string;
  /** One or two sentences for a committee member: what, where, when, against which limit. */
  detail: string;
}

/** Reads the observations of one system as of `today` (YYYY-MM-DD), inside the caller's read or write. */
export type ObservationSource = (r: Repositories, systemId: string, today: string) => Promise<readonly ObservedSignal[]>;

/** All sources' observations, in the sources' order then each source's own. */
export const combineObservations =
  (sources: readonly ObservationSource[]): ObservationSource =>
  async (r, systemId, today) =>
    (await Promise.all(sources.map((source) => source(r, systemId, today)))).flat();

export const noObservations: ObservationSource = async () => [];
