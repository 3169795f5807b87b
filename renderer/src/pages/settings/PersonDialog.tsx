import { Button, Group, Modal, Stack, Switch, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { PersonSaveInput, type MethodInput, type Person, type Role } from '../../../../electron/contract/index.ts';
import { ApiError } from '../../api/api-client.ts';
import { useSavePerson } from '../../api/queries.ts';
import { setActingAs, useActingAs } from '../../acting/acting-as.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { RoleCheckboxes } from '../../components/RoleCheckboxes.tsx';
import { emailProblem, useFormState } from '../../components/use-form-state.ts';
import { errorText, issueWords } from '../../text/messages.ts';

interface Values {
  name: string;
  email: string;
  roles: Role[];
  active: boolean;
}
type Errors = Partial<Record<keyof Values, string>>;

/** Checks the form with the contract's schema (and an e-mail shape), field by field. */
export function validatePerson(values: Values, id: string | undefined): { errors: Errors } | { input: MethodInput<'people.save'> } {
  const input = { ...(id ? { id } : {}), ...values, name: values.name.trim(), email: values.email.trim() };
  const errors: Errors = {};
  const parsed = PersonSaveInput.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof Values | undefined;
      if (key && key in values && !errors[key]) errors[key] = issueWords(issue);
    }
  }
  const email = emailProblem(input.email);
  if (email) errors.email = email;
  return Object.keys(errors).length > 0 ? { errors } : { input };
}

/** Add or edit a person: name, e-mail, roles, active. */
export function PersonDialog({ person, opened, onClose }: { person: Person | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={person ? `Edit ${person.name}` : 'Add a person'} size="lg">
      {/* Keyed so the form starts from the person being edited each time it opens. */}
      {opened ? <PersonForm key={person?.id ?? 'new'} person={person} onDone={onClose} /> : null}
    </Modal>
  );
}

function PersonForm({ person, onDone }: { person: Person | null; onDone: () => void }) {
  const save = useSavePerson();
  const acting = useActingAs();
  const { values, errors, setErrors, set } = useFormState<Values>(() => ({
    name: person?.name ?? '',
    email: person?.email ?? '',
    roles: person?.roles ?? [],
    active: person?.active ?? true,
  }));
  const [failure, setFailure] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const checked = validatePerson(values, person?.id);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    try {
      const saved = await save.mutateAsync(checked.input);
      // Renaming the person acting keeps them acting under the new name.
      if (person && acting.person?.id === person.id && saved.active) {
        setActingAs({ name: saved.name, role: acting.by && saved.roles.includes(acting.by.role) ? acting.by.role : (saved.roles[0] ?? null) });
      }
      onDone();
    } catch (error) {
      const issues = error instanceof ApiError ? (error.error.details?.issues ?? []) : [];
      const fieldErrors: Errors = {};
      for (const issue of issues) {
        const key = issue.path.split('.')[0] as keyof Values;
        if (key in values) fieldErrors[key] = key === 'name' ? errorText(error) : issueWords(issue);
      }
      setErrors(fieldErrors);
      if (Object.keys(fieldErrors).length === 0) setFailure(error);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={person ? `Edit ${person.name}` : 'Add a person'}>
      <Stack>
        {failure ? <ErrorNotice error={failure} title="The person was not saved" /> : null}
        <TextInput label="Name" withAsterisk data-autofocus value={values.name} error={errors.name} onChange={(e) => set('name', e.currentTarget.value)} />
        <TextInput
          label="E-mail"
          description="Optional; shown in the register so people know whom to ask"
          value={values.email}
          error={errors.email}
          onChange={(e) => set('email', e.currentTarget.value)}
        />
        <RoleCheckboxes value={values.roles} onChange={(next) => set('roles', next)} error={errors.roles} required />
        <Switch
          label="Active"
          description="Inactive people stay in the records but can no longer act"
          checked={values.active}
          onChange={(e) => set('active', e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {person ? 'Save changes' : 'Add person'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
