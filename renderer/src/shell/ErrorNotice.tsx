import { Alert } from '@mantine/core';
import { ApiError } from '../api/api-client.ts';

/** A refusal or failure from the core, in plain words, with its code for support. */
export function ErrorNotice({ error, title = 'Vigil could not do that' }: { error: unknown; title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.error.code : undefined;
  return (
    <Alert color="red" title={title} role="alert">
      {message}
      {code ? ` (${code})` : ''}
    </Alert>
  );
}
