import type { RiskMatrix } from '../../contract/index.ts';

/**
 * How bands rank and where the appetite lies, from the risk matrix in force: the one place both
 * are decided. A risk's `aboveAppetite`, the paged lists' band order and their "above appetite"
 * filters and counts (built in SQL from `bandOrder`) all ask here.
 */

/** The matrix's bands, lowest first. */
export const bandsInOrder = (matrix: RiskMatrix): string[] => matrix.bands.map((b) => b.id);

export const bandRank = (matrix: RiskMatrix, band: string): number => bandsInOrder(matrix).indexOf(band);

/** A band above the organisation's appetite needs a treatment or an acceptance. */
export const isAboveAppetite = (matrix: RiskMatrix, band: string): boolean => bandRank(matrix, band) > bandRank(matrix, matrix.appetite);

/** What a query needs to rank bands and pick those above appetite, as plain lists. */
export interface BandOrder {
  /** Band ids, lowest first: a band's rank is its position. */
  ranked: readonly string[];
  aboveAppetite: readonly string[];
}

export const bandOrder = (matrix: RiskMatrix): BandOrder => ({
  ranked: bandsInOrder(matrix),
  aboveAppetite: bandsInOrder(matrix).filter((band) => isAboveAppetite(matrix, band)),
});
