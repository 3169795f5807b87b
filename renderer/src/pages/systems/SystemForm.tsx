import { Autocomplete, Button, Checkbox, Fieldset, Group, Radio, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SystemFields } from '../../../../electron/contract/index.ts';
import { ApiError } from '../../api/api-client.ts';
import { usePeople } from '../../api/queries.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { errorsByField, validateSystemForm, type FieldErrors, type SystemFormValues } from './system-form-model.ts';
import { systemOptions } from './system-options.ts';
import { useVendorList } from '../vendors/vendor-queries.ts';

interface SystemFormProps {
  initial: SystemFormValues;
  submitLabel: string;
  onSubmit: (fields: SystemFields) => Promise<unknown>;
  onCancel: () => void;
}

/**
 * The inventory record form. Validation uses the contract's schema before sending, and the
 * core's field errors are shown next to their fields if it still refuses.
 */
export function SystemForm({ initial, submitLabel, onSubmit, onCancel }: SystemFormProps) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const people = usePeople();
  // Existing vendors are offered; a new name makes a new vendor when the system is saved.
  const vendors = useVendorList('');
  const vendorSuggestions = (vendors.data ?? []).map((v) => v.name);
  // Suggested from the active people in Settings, but any name can be typed: the owner may not
  // use Vigil at all.
  const ownerSuggestions = (people.data ?? []).filter((p) => p.active).map((p) => p.name);
  const failureRef = useRef<HTMLDivElement>(null);
  // A refusal appears beside the button just pressed; bring all of it into view.
  useEffect(() => {
    if (failure) failureRef.current?.scrollIntoView({ block: 'nearest' });
  }, [failure]);

  const set = <K extends keyof SystemFormValues>(key: K, value: SystemFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const text = (key: keyof SystemFormValues) => ({
    value: values[key] as string,
    error: errors[key],
    onChange: (event: { currentTarget: { value: string } }) => set(key, event.currentTarget.value as never),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const checked = validateSystemForm(values);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setSaving(true);
    try {
      await onSubmit(checked.fields);
    } catch (error) {
      const issues = error instanceof ApiError ? error.error.details?.issues : undefined;
      if (issues?.length) setErrors(errorsByField(issues));
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="AI system">
      <Stack gap="lg" maw={900}>
        <Fieldset legend="Product">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Name" required withAsterisk {...text('name')} />
            <Autocomplete
              label="Vendor"
              required
              withAsterisk
              description="An existing vendor, or a new name"
              data={vendorSuggestions}
              value={values.vendor}
              error={errors.vendor}
              onChange={(vendor) => set('vendor', vendor)}
            />
            <Autocomplete
              label="Owner"
              description="The person accountable for this system"
              data={ownerSuggestions}
              value={values.owner}
              error={errors.owner}
              onChange={(owner) => set('owner', owner)}
            />
            <TextInput label="Product version" {...text('productVersion')} />
            <TextInput label="Model version" {...text('modelVersion')} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Clinical use">
          <Stack>
            <Textarea label="Intended use" autosize minRows={2} {...text('intendedUse')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Clinical domain"
                data={systemOptions.clinicalDomain}
                value={values.clinicalDomain}
                onChange={(v) => set('clinicalDomain', v)}
                error={errors.clinicalDomain}
                clearable
                searchable
              />
              <Select
                label="Model type"
                data={systemOptions.modelType}
                value={values.modelType}
                onChange={(v) => set('modelType', v)}
                error={errors.modelType}
                clearable
              />
              <TextInput label="Intended users" {...text('intendedUsers')} />
              <TextInput label="Patient population" {...text('patientPopulation')} />
            </SimpleGrid>
            <Radio.Group
              label="Autonomy"
              description="How far the AI acts on its own"
              value={values.autonomyLevel ?? ''}
              onChange={(v) => set('autonomyLevel', v)}
              error={errors.autonomyLevel}
            >
              <Group mt="xs">
                {systemOptions.autonomy.map((o) => (
                  <Radio key={o.value} value={o.value} label={o.label} />
                ))}
              </Group>
            </Radio.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Worst credible harm"
                description="The worst harm to a patient from a wrong or late output (ISO 14971 severity)"
                placeholder="Not recorded"
                data={systemOptions.worstHarm}
                value={values.worstCredibleHarm}
                onChange={(v) => set('worstCredibleHarm', v)}
                error={errors.worstCredibleHarm}
                clearable
              />
              <Radio.Group
                label="Time-critical condition"
                description="A missed or late output can harm the patient within hours (e.g. sepsis, stroke)"
                value={values.timeCritical === null ? 'notRecorded' : values.timeCritical ? 'yes' : 'no'}
                onChange={(v) => set('timeCritical', v === 'notRecorded' ? null : v === 'yes')}
                error={errors.timeCritical}
              >
                <Group mt="xs">
                  <Radio value="yes" label="Yes" />
                  <Radio value="no" label="No" />
                  <Radio value="notRecorded" label="Not recorded" />
                </Group>
              </Radio.Group>
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Fieldset legend="Data, deployment and integration">
          <Stack>
            <Checkbox.Group
              label="Data categories"
              value={values.dataCategories}
              onChange={(v) => set('dataCategories', v)}
              error={errors.dataCategories}
            >
              <Group mt="xs">
                {systemOptions.dataCategories.map((o) => (
                  <Checkbox key={o.value} value={o.value} label={o.label} />
                ))}
              </Group>
            </Checkbox.Group>
            <Radio.Group
              label="Deployment"
              value={values.deploymentType ?? ''}
              onChange={(v) => set('deploymentType', v)}
              error={errors.deploymentType}
            >
              <Group mt="xs">
                {systemOptions.deployment.map((o) => (
                  <Radio key={o.value} value={o.value} label={o.label} />
                ))}
              </Group>
            </Radio.Group>
            <Checkbox.Group
              label="Integration points"
              value={values.integrationPoints}
              onChange={(v) => set('integrationPoints', v)}
              error={errors.integrationPoints}
            >
              <Group mt="xs">
                {systemOptions.integration.map((o) => (
                  <Checkbox key={o.value} value={o.value} label={o.label} />
                ))}
              </Group>
            </Checkbox.Group>
          </Stack>
        </Fieldset>
        <Fieldset legend="Regulatory status">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Regulatory status"
              data={systemOptions.regulatory}
              value={values.regulatoryStatus}
              onChange={(v) => set('regulatoryStatus', v ?? 'unknown')}
              error={errors.regulatoryStatus}
              allowDeselect={false}
            />
            <TextInput
              label="Clearance or certificate number"
              description="e.g. K231234, DEN200012, CE certificate number"
              {...text('regulatoryReference')}
            />
          </SimpleGrid>
        </Fieldset>
        {/* Beside the button just pressed: at the top of this long form it was scrolled out of sight. */}
        {failure ? (
          <div ref={failureRef}>
            <ErrorNotice error={failure} title="The system was not saved" />
          </div>
        ) : null}
        <Group>
          <Button type="submit" loading={saving}>
            {submitLabel}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={saving}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
