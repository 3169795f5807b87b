import {
  SystemCreateInput,
  toFieldIssues,
  type AiSystem,
  type FieldIssue,
  type SystemFields,
} from '../../../../electron/contract/index.ts';

export type SystemFormValues = {
  [K in keyof SystemFields]: SystemFields[K] extends readonly string[]
    ? string[]
    : SystemFields[K] extends string
      ? string
      : SystemFields[K] extends boolean | null
        ? boolean | null
        : string | null;
};

export type FieldErrors = Partial<Record<keyof SystemFields, string>>;

export const emptySystemForm: SystemFormValues = {
  name: '',
  vendor: '',
  owner: '',
  productVersion: '',
  modelVersion: '',
  intendedUse: '',
  clinicalDomain: null,
  intendedUsers: '',
  patientPopulation: '',
  autonomyLevel: null,
  worstCredibleHarm: null,
  timeCritical: null,
  modelType: null,
  dataCategories: [],
  deploymentType: null,
  regulatoryStatus: 'unknown',
  regulatoryReference: '',
  integrationPoints: [],
};

export function formFromSystem(system: AiSystem): SystemFormValues {
  const values = { ...emptySystemForm };
  for (const key of Object.keys(emptySystemForm) as (keyof SystemFields)[]) {
    (values as Record<string, unknown>)[key] = system[key];
  }
  return values;
}

/** The first message per field, keyed by the field's name. */
export function errorsByField(issues: readonly FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.replace(/^changes\./, '').split('.')[0] as keyof SystemFields;
    if (field && errors[field] === undefined) errors[field] = issue.message;
  }
  return errors;
}

/** Validates with the contract's own schema: the form shows exactly what the core would say. */
export function validateSystemForm(values: SystemFormValues): { fields: SystemFields } | { errors: FieldErrors } {
  const parsed = SystemCreateInput.safeParse(values);
  if (parsed.success) return { fields: parsed.data };
  return { errors: errorsByField(toFieldIssues(parsed.error)) };
}

/** Only the fields that differ from the stored record go into systems.update. */
export function changedFields(original: AiSystem, fields: SystemFields): Partial<SystemFields> {
  const changes: Partial<SystemFields> = {};
  for (const key of Object.keys(fields) as (keyof SystemFields)[]) {
    if (JSON.stringify(original[key]) !== JSON.stringify(fields[key])) {
      (changes as Record<string, unknown>)[key] = fields[key];
    }
  }
  return changes;
}
