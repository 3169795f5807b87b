/**
 * The assessment statuses with a meaning beyond the review machine, in one place: the core's
 * answers, evidence, vendor requests and imports, model cards and re-assessment drafts all ask
 * here, and the renderer reads the `editable` field the core computes from it.
 */

/** Answers change only before submission; a returned assessment is reopened first. */
export const editableStatuses: ReadonlySet<string> = new Set(['draft', 'inProgress', 'awaitingVendor']);

/** A decision that opens the lifecycle gate and sets the re-assessment date. */
export const approvedStatuses: ReadonlySet<string> = new Set(['approved', 'approvedWithConditions']);

export const isEditable = (status: string): boolean => editableStatuses.has(status);
export const isApproved = (status: string): boolean => approvedStatuses.has(status);

/**
 * Sent to review and waiting for its decision: the review log's "awaiting". A returned
 * assessment is neither awaiting nor decided (it goes back to its assessor; resubmitting starts
 * a new round); approved, approved with conditions and rejected are decided (final states).
 */
export const awaitingDecisionStatuses = ['submitted', 'inReview'] as const;
