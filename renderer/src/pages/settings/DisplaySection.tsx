import { SegmentedControl, Stack, Text, Title, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';

const schemes: { value: MantineColorScheme; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'auto', label: 'Follow the system' },
];

const isScheme = (value: string): value is MantineColorScheme => schemes.some((s) => s.value === value);

/**
 * Light, dark or the system's choice: a preference of the person at this computer, not of the
 * workspace, so it is kept by the browser (Mantine's localStorage colour-scheme manager) and
 * never sent to the core.
 */
export function DisplaySection() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <Stack gap="xs" component="section" aria-labelledby="display-heading">
      <Title order={2} id="display-heading">
        Display
      </Title>
      <Text c="dimmed" size="sm" id="display-scheme-help">
        Colours for this computer only. &ldquo;Follow the system&rdquo; switches with the light or dark setting of your operating system.
      </Text>
      <SegmentedControl
        aria-label="Colour scheme"
        aria-describedby="display-scheme-help"
        data={schemes}
        value={colorScheme}
        onChange={(value) => {
          if (isScheme(value)) setColorScheme(value);
        }}
        w="fit-content"
      />
    </Stack>
  );
}
