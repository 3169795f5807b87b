import type { ModelCardMapping, ModelCardPreview, ModelCardResult } from '../../../contract/index.ts';
import type { AssessmentsService } from '../../assessments/assessments-service.ts';
import type { TransactionRunner } from '../../command-runner.ts';
import type { CallContext } from '../../deps.ts';
import { DomainError } from '../../domain-error.ts';
import type { StoragePort } from '../../store/storage-port.ts';
import type { SystemsService } from '../../systems/systems-service.ts';
import { modelCardFile, notThisXml } from '../file-refusal.ts';
import { planModelCard } from './plan-model-card.ts';
import { readModelCard } from './read-model-card.ts';

export interface ModelCardInput {
  assessmentId: string;
  text: string;
  fileName?: string | undefined;
  overwrite: boolean;
}

export interface ModelCardApply extends ModelCardInput {
  /** Apply although the card names another product or developer than the system. */
  confirmMismatch: boolean;
}

export interface ModelCardService {
  preview(input: ModelCardInput): Promise<ModelCardPreview>;
  apply(ctx: CallContext, input: ModelCardApply): Promise<ModelCardResult>;
}

const defaultFileName = 'model-card.xml';

/**
 * Pre-fills an assessment's vendor answers from a CHAI Applied Model Card the vendor published,
 * by the mapping in templates/mappings/. Preview reads only; apply writes the answers (source
 * vendor), attaches the card as evidence where the mapping says, and records one
 * `vendor.modelCardImported` event naming the card's SHA-256, all in one transaction. A card whose
 * product or developer differs from the system's is refused (MODEL_CARD_MISMATCH) unless the
 * caller confirms the mismatch, which the event then records.
 */
export function createModelCardService(deps: {
  store: StoragePort;
  tx: TransactionRunner;
  assessments: AssessmentsService;
  systems: SystemsService;
  mappings: () => ModelCardMapping[];
}): ModelCardService {
  const { store, tx, assessments, systems } = deps;

  const plan = async (input: ModelCardInput) => {
    // The assessment first: a refusal for a frozen or unknown assessment should not depend on the file.
    const assessment = await assessments.get(input.assessmentId);
    if (!assessment.editable) {
      throw new DomainError('CONFLICT', `${assessment.id} is ${assessment.status}: its answers are frozen, so a model card cannot fill them.`, {
        id: assessment.id,
        status: assessment.status,
      });
    }
    const card = readModelCard(input.text);
    // The card's root element says which format it is, and so which installed mapping reads it.
    const mapping = deps.mappings().find((m) => m.root === card.root.name);
    if (!mapping) throw notThisXml(modelCardFile, input.text, card.root.name);
    const system = await systems.get(assessment.systemId);
    const preview = planModelCard(card, mapping, assessment, system, { fileName: input.fileName ?? defaultFileName, overwrite: input.overwrite });
    return { preview, assessment };
  };

  return {
    // One read: the preview is planned against one state of the assessment.
    preview: (input) => store.read(async () => (await plan(input)).preview),

    apply: (ctx, input) =>
      tx(ctx, async (stamp, r) => {
        // Planned again inside the transaction, against the answers it will change.
        const { preview, assessment } = await plan(input);
        // Before anything else: a card for another product writes nothing unless the person confirmed it.
        if (preview.mismatch && !input.confirmMismatch) {
          throw new DomainError(
            'MODEL_CARD_MISMATCH',
            `${preview.mismatch.message} Nothing was written. Check that this is the card for ${preview.system.name}; to apply it anyway, confirm the mismatch explicitly.`,
            { mismatch: preview.mismatch },
          );
        }
        const mismatchConfirmed = preview.mismatch !== null;
        const writes = preview.items.filter((i) => i.write);
        const evidenceQuestion = preview.evidenceQuestion;
        const alreadyAttached = assessment.evidence.some((e) => e.questionId === evidenceQuestion && e.sha256 === preview.sha256);
        if (writes.length === 0 && (evidenceQuestion === null || alreadyAttached)) {
          throw new DomainError('CONFLICT', `The model card would change nothing in ${assessment.id}: ${preview.items.length === 0 ? 'none of its elements maps to a question of this assessment' : 'every mapped answer is already given'}.`, {
            id: assessment.id,
          });
        }
        // The answers are the vendor's claims; the ledger also names the file and who imported it.
        const asVendor: CallContext = { actor: `Model card ${preview.fileName} (sha256 ${preview.sha256.slice(0, 12)}…, imported by ${stamp.actor})` };
        if (writes.length > 0) {
          await assessments.answer(asVendor, assessment.id, writes.map((i) => ({ questionId: i.questionId, value: i.after })), 'vendor');
        }
        const evidence =
          evidenceQuestion !== null && !alreadyAttached
            ? await assessments.addEvidence(asVendor, {
                assessmentId: assessment.id,
                questionId: evidenceQuestion,
                fileName: preview.fileName,
                mediaType: 'application/xml',
                dataBase64: Buffer.from(input.text, 'utf8').toString('base64'),
              })
            : null;
        const kept = preview.items.filter((i) => i.action === 'conflict' && !i.write).map((i) => i.questionId);
        await r.ledger.append({
          ...stamp,
          action: 'vendor.modelCardImported',
          entity: assessment.id,
          payload: {
            sha256: preview.sha256,
            fileName: preview.fileName,
            mapping: `${preview.mapping.id}@${preview.mapping.version}`,
            written: writes.map((i) => ({ questionId: i.questionId, replaced: i.action === 'conflict', truncated: i.truncated })),
            kept,
            evidence: evidence ? { id: evidence.id, questionId: evidence.questionId } : null,
            schemaVersion: preview.schemaVersion,
            signature: preview.signature.present ? 'present, not verified' : 'none',
            // What differed and that the person applied the card anyway.
            mismatchConfirmed: mismatchConfirmed ? { product: preview.mismatch?.product ?? null, developer: preview.mismatch?.developer ?? null } : null,
          },
        });
        return {
          preview,
          written: writes.map((i) => i.questionId),
          kept,
          evidenceId: evidence?.id ?? null,
          status: (await assessments.get(assessment.id)).status,
          mismatchConfirmed,
        };
      }),
  };
}
