import { Button, Group, Modal, PasswordInput, Stack, Switch, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { minimumPasswordLength, type Account } from '../../../../electron/contract/index.ts';
import { ApiError } from '../../api/api-client.ts';
import { issuesOnForm } from '../../components/form-issues.ts';
import { useFormState } from '../../components/use-form-state.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { RoleCheckboxes } from '../../components/RoleCheckboxes.tsx';
import { accountFields, accountValues, validateAccount, type AccountValues } from './account-form.ts';
import { useSaveAccount } from './account-queries.ts';

/** Add or edit an account: login, the person's name, e-mail and roles, administrator, active. */
export function AccountDialog({ account, opened, onClose }: { account: Account | null; opened: boolean; onClose: () => void }) {
  const title = account ? `Edit the account ${account.login}` : 'Add an account';
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {/* Keyed so the form starts from the account being edited each time it opens. */}
      {opened ? <AccountForm key={account?.id ?? 'new'} account={account} title={title} onDone={onClose} /> : null}
    </Modal>
  );
}

function AccountForm({ account, title, onDone }: { account: Account | null; title: string; onDone: () => void }) {
  const save = useSaveAccount();
  const { values, errors, setErrors, set } = useFormState<AccountValues>(() => accountValues(account));
  const [failure, setFailure] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const checked = validateAccount(values, account?.id);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    try {
      await save.mutateAsync(checked.input);
      onDone();
    } catch (error) {
      const placed = issuesOnForm(error instanceof ApiError ? (error.error.details?.issues ?? []) : [], accountFields).fields;
      setErrors(placed);
      if (Object.keys(placed).length === 0) setFailure(error);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <Stack>
        {failure ? <ErrorNotice error={failure} title="The account was not saved" /> : null}
        <TextInput
          label="Login"
          description="What the person types to sign in: letters, digits and . _ @ -"
          withAsterisk
          data-autofocus
          autoCapitalize="none"
          spellCheck={false}
          value={values.login}
          error={errors.login}
          onChange={(e) => set('login', e.currentTarget.value)}
        />
        <TextInput
          label="Name"
          description="As it appears on sign-offs and in the records (the person in Settings → People)"
          withAsterisk
          value={values.name}
          error={errors.name}
          onChange={(e) => set('name', e.currentTarget.value)}
        />
        <TextInput
          label="E-mail"
          description="Optional; single sign-on can match a first sign-in by it"
          value={values.email}
          error={errors.email}
          onChange={(e) => set('email', e.currentTarget.value)}
        />
        <RoleCheckboxes value={values.roles} onChange={(next) => set('roles', next)} error={errors.roles} />
        <Switch
          label="Administrator"
          description="Manages accounts on this server; acts in governance only through the roles above"
          checked={values.administrator}
          onChange={(e) => set('administrator', e.currentTarget.checked)}
        />
        {account ? (
          <Switch
            label="Active"
            description="An inactive account cannot sign in; its name stays in the records"
            checked={values.active}
            onChange={(e) => set('active', e.currentTarget.checked)}
          />
        ) : (
          <PasswordInput
            label="Initial password"
            description={`At least ${minimumPasswordLength} characters; tell the person in person. Leave empty for an account that signs in only through single sign-on`}
            autoComplete="new-password"
            value={values.password}
            error={errors.password}
            onChange={(e) => set('password', e.currentTarget.value)}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {account ? 'Save changes' : 'Add account'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
