import { modelCardMetricAreas, parseUntrustedJson, type ModelCardMetric, type ModelCardSignature } from '../../../contract/index.ts';
import type { XmlElement } from './parse-xml.ts';
import { elementsAt, normaliseText, textAt, textOf } from './read-model-card.ts';

/**
 * The parts of a CHAI Applied Model Card that are structured rather than prose, read for the
 * preview: the schema version, v0.2's EHR compatibility list and metric results, and the optional
 * XML signature. Facts from the published schemas (coalition-for-health-ai/mc-schema, v0.1/schema.xsd
 * and v0.2/schema.xsd): v0.2 adds ReleaseInfo/EHRCompatibility (EHR elements, optional) and replaces
 * each key metric's free-text Result by Results/MetricResult (Label, ValueJson); both versions end in
 * an optional ds:Signature (W3C XML Signature).
 */

const areaTitles: Record<(typeof modelCardMetricAreas)[number], string> = {
  UsefulnessUsabilityEfficacy: 'Usefulness, usability and efficacy',
  FairnessEquity: 'Fairness and equity',
  SafetyReliability: 'Safety and reliability',
};

/** "0.1" or "0.2" from the namespace (https://mc.chai.org/v0.2/schema.xsd), else null. */
export function schemaVersionOf(namespace: string | null): string | null {
  return /^https?:\/\/mc\.chai\.org\/v(\d+\.\d+)\/schema\.xsd$/.exec(namespace ?? '')?.[1] ?? null;
}

/** The EHR systems the card says the model works with (v0.2), in the card's order, blanks dropped. */
export function ehrCompatibilityOf(root: XmlElement): string[] {
  return elementsAt(root, 'ReleaseInfo/EHRCompatibility/EHR')
    .map((e) => normaliseText(textOf(e)))
    .filter((t) => t !== '');
}

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const shortText = (v: unknown, max: number): string | null => (typeof v === 'string' && v.trim() !== '' ? normaliseText(v).slice(0, max) : null);
/** A number as the card gave it, without float noise: 96.15 stays 96.15. */
const shown = (n: number) => String(Number(n.toPrecision(12)));

/** One v0.2 ValueJson read into value, unit and interval; text it cannot read is shown as written. */
function readValueJson(raw: string): Pick<ModelCardMetric, 'valueText' | 'value' | 'unit' | 'interval' | 'subgroup'> {
  const asWritten = { valueText: normaliseText(raw).slice(0, 300) || '(no value given)', value: null, unit: null, interval: null, subgroup: null };
  let data: unknown;
  try {
    data = parseUntrustedJson(raw.trim(), { maxDepth: 4 });
  } catch {
    return asWritten;
  }
  if (typeof data === 'number') return { ...asWritten, valueText: shown(data), value: finite(data) };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return asWritten;
  const v = data as Record<string, unknown>;
  const value = finite(v.kind === 'estimate_ci' ? v.estimate : (v.value ?? v.estimate));
  if (value === null) return asWritten;
  const unit = shortText(v.unit, 20);
  const lower = finite(v.lower);
  const upper = finite(v.upper);
  const interval = lower !== null && upper !== null ? { lower, upper, level: finite(v.level) } : null;
  const withUnit = (n: number) => (unit === null ? shown(n) : unit === '%' ? `${shown(n)}%` : `${shown(n)} ${unit}`);
  const ci = interval ? ` (${interval.level !== null ? `${shown(interval.level)}% ` : ''}CI ${withUnit(interval.lower)} to ${withUnit(interval.upper)})` : '';
  // The schema has no subgroup field; a card that names one in its ValueJson is read, none is invented.
  const subgroup = shortText(v.subgroup, 200) ?? shortText(v.population, 200);
  return { valueText: `${withUnit(value)}${ci}`, value, unit, interval, subgroup };
}

/** Every reported result, v0.2 (Results/MetricResult) and v0.1 (Result text), by area in the schema's order. */
export function metricsOf(root: XmlElement): ModelCardMetric[] {
  const metrics: ModelCardMetric[] = [];
  for (const area of modelCardMetricAreas) {
    for (const group of elementsAt(root, `KeyMetrics/${area}`)) {
      const dataset = textAt(group, 'TestingDataDescription') || null;
      const base = { area, areaTitle: areaTitles[area], dataset };
      for (const result of elementsAt(group, 'Results/MetricResult')) {
        const label = textAt(result, 'Label') || '(unnamed metric)';
        metrics.push({ ...base, label, ...readValueJson(elementsAt(result, 'ValueJson').map(textOf).join('')) });
      }
      const legacy = textAt(group, 'Result');
      if (legacy !== '') metrics.push({ ...base, label: 'Result', valueText: legacy, value: null, unit: null, interval: null, subgroup: null });
    }
  }
  return metrics;
}

const attribute = (e: XmlElement | undefined, name: string): string | null => e?.attributes.find(([n]) => n === name)?.[1] ?? null;

/** The card's signature element, reported as present or not; never as valid, because Vigil does not check it. */
export function signatureOf(root: XmlElement): ModelCardSignature {
  const signature = root.children.find((c) => c.name === 'Signature');
  if (!signature) {
    return { present: false, verified: false, algorithm: null, signer: null, note: 'The card is not signed (the signature is optional in the CHAI schema).' };
  }
  const method = elementsAt(signature, 'SignedInfo/SignatureMethod')[0];
  const signer = textAt(signature, 'KeyInfo/KeyName') || textAt(signature, 'KeyInfo/X509Data/X509SubjectName') || null;
  return {
    present: true,
    verified: false,
    algorithm: attribute(method, 'Algorithm'),
    signer,
    note: 'The card carries an XML signature, but Vigil does not verify XML signatures: it is neither checked nor trusted. Confirm the card with the vendor as you would an unsigned one.',
  };
}
