import { Alert, Button, Container, Divider, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { authPaths, signInWithPassword } from './team-auth.ts';
import type { TeamState, TeamStore } from './team-session-store.ts';

type FieldErrors = { login?: string; password?: string };

/** Both fields are needed before asking the server (it would only say "not right"). */
export function checkSignIn(login: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (login.trim() === '') errors.login = 'Enter your login';
  if (password === '') errors.password = 'Enter your password';
  return errors;
}

/**
 * Team mode before anyone is signed in: login and password, and single sign-on when the server
 * offers it. A session that ended brings the person back here with the reason.
 */
export function SignInPage({ store, state }: { store: TeamStore; state: TeamState }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const loginInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const { oidc, password: passwordOffered } = state.signIn;

  // The page is only a sign-in form: start in its first field.
  useEffect(() => {
    loginInput.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    const checked = checkSignIn(login, password);
    setErrors(checked);
    if (checked.login || checked.password) {
      (checked.login ? loginInput : passwordInput).current?.focus();
      return;
    }
    setPending(true);
    const result = await signInWithPassword(store, { login: login.trim(), password });
    if (!result.ok) {
      setPending(false);
      setRefusal(result.message);
      setPassword('');
      passwordInput.current?.focus();
    }
  };

  return (
    <Container component="main" size={440} py={60}>
      <Stack>
        <div>
          <Title order={1}>Sign in to Vigil</Title>
          <Text c="dimmed" size="sm">
            AI security risk workbench — team server
          </Text>
        </div>
        {state.notice ? (
          <Alert color="blue" title="Signed out" role="status">
            {state.notice}
          </Alert>
        ) : null}
        <Paper withBorder p="lg" radius="md">
          <Stack>
            {passwordOffered ? (
              <form onSubmit={(e) => void submit(e)} noValidate aria-label="Sign in with your login and password">
                <Stack>
                  {refusal ? (
                    <Alert color="red" title="You are not signed in" role="alert">
                      {refusal}
                    </Alert>
                  ) : null}
                  <TextInput
                    ref={loginInput}
                    label="Login"
                    name="username"
                    autoComplete="username"
                    autoCapitalize="none"
                    spellCheck={false}
                    value={login}
                    error={errors.login}
                    onChange={(e) => {
                      setLogin(e.currentTarget.value);
                      setErrors((x) => ({ ...x, login: undefined }));
                    }}
                  />
                  <PasswordInput
                    ref={passwordInput}
                    label="Password"
                    name="password"
                    autoComplete="current-password"
                    value={password}
                    error={errors.password}
                    onChange={(e) => {
                      setPassword(e.currentTarget.value);
                      setErrors((x) => ({ ...x, password: undefined }));
                    }}
                  />
                  <Button type="submit" loading={pending}>
                    Sign in
                  </Button>
                </Stack>
              </form>
            ) : null}
            {passwordOffered && oidc ? <Divider label="or" labelPosition="center" /> : null}
            {oidc ? (
              <Button component="a" href={authPaths.oidcStart} variant={passwordOffered ? 'default' : 'filled'}>
                Sign in with single sign-on{oidc.label ? ` (${oidc.label})` : ''}
              </Button>
            ) : null}
          </Stack>
        </Paper>
      </Stack>
    </Container>
  );
}
