import { Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { assessmentShortcuts } from './shortcuts.ts';

/** The "Keyboard shortcuts" dialog (`?`): the same table the page's key handler reads. */
export function ShortcutsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" closeButtonProps={{ 'aria-label': 'Close' }} size="lg">
      <Stack gap="sm">
        <Table aria-label="Keyboard shortcuts of the assessment page" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Keys</Table.Th>
              <Table.Th scope="col">What they do</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assessmentShortcuts.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {s.caps.map((cap, i) => (
                    <Fragment key={cap}>
                      {i > 0 ? ' + ' : null}
                      <Kbd>{cap}</Kbd>
                    </Fragment>
                  ))}
                </Table.Td>
                <Table.Td>{s.description}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm">
          In a question with options, the arrow keys move between them; Space or Enter gives the answer, and so does leaving the question with Tab.
          A click answers at once. The first Tab on any page offers &ldquo;Skip to main content&rdquo;, and here &ldquo;Skip to the first unanswered
          question&rdquo;.
        </Text>
      </Stack>
    </Modal>
  );
}
