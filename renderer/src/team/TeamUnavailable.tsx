import { Alert, Button, Container, Stack, Title } from '@mantine/core';

/** A team server that cannot check sessions now (its database unreachable): say so, offer to try again. */
export function TeamUnavailable({ message }: { message: string }) {
  return (
    <Container component="main" size={520} py={60}>
      <Stack>
        <Title order={1}>Vigil cannot sign you in just now</Title>
        <Alert color="red" title="The team server could not check your session" role="alert">
          {message}
        </Alert>
        <Button onClick={() => window.location.reload()} w="fit-content">
          Try again
        </Button>
      </Stack>
    </Container>
  );
}
