import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { minimumPasswordLength, type Account } from '../../../../electron/contract/index.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { validateNewPassword } from './account-form.ts';
import { useSetPassword } from './account-queries.ts';

/** An administrator sets a new password for an account (forgotten, or first one for an SSO-only account). */
export function PasswordDialog({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const title = account ? `Reset the password of ${account.login}` : 'Reset a password';
  return (
    <Modal opened={account !== null} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': 'Close' }}>
      {account ? <PasswordForm key={account.id} account={account} title={title} onDone={onClose} /> : null}
    </Modal>
  );
}

function PasswordForm({ account, title, onDone }: { account: Account; title: string; onDone: () => void }) {
  const setPassword = useSetPassword();
  const [password, setValue] = useState('');
  const [repeated, setRepeated] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeated?: string }>({});
  const [failure, setFailure] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const checked = validateNewPassword(password, repeated);
    setErrors(checked);
    if (checked.password || checked.repeated) return;
    try {
      await setPassword.mutateAsync({ id: account.id, password });
      onDone();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <Stack>
        {failure ? <ErrorNotice error={failure} title="The password was not changed" /> : null}
        <Text size="sm">
          {account.name} signs in with this password from now on; tell them in person.
        </Text>
        <PasswordInput
          label="New password"
          description={`At least ${minimumPasswordLength} characters`}
          autoComplete="new-password"
          data-autofocus
          value={password}
          error={errors.password}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            setErrors((x) => ({ ...x, password: undefined }));
          }}
        />
        <PasswordInput
          label="Repeat the new password"
          autoComplete="new-password"
          value={repeated}
          error={errors.repeated}
          onChange={(e) => {
            setRepeated(e.currentTarget.value);
            setErrors((x) => ({ ...x, repeated: undefined }));
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={setPassword.isPending}>
            Set the password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
