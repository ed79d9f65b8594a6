/** Mantine styles of the procedure editor's pages (loaded with them, not with the first page). */
// Badge.css stays out on purpose: see web/src/styles/mantine.ts and the badge contrast convention.
import '@mantine/core/styles/Tabs.css';
import '@mantine/core/styles/Table.css';
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/Fieldset.css';
import '@mantine/core/styles/Combobox.css';
import '@mantine/core/styles/Popover.css';
import '@mantine/core/styles/ScrollArea.css';
import '@mantine/core/styles/NumberInput.css';
