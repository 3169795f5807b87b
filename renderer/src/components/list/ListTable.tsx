import { Stack, UnstyledButton } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import { useLayoutEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import type { SortDirection } from '../../../../electron/contract/index.ts';
import { ErrorNotice } from '../../shell/ErrorNotice.tsx';
import { formatCount, rowsText } from './list-text.ts';

/** One column: its heading, its cells, and the contract's sort key when it sorts. */
export interface ListColumn<T, S extends string> {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
  /** The paged method's sort value for this column; absent when the column does not sort. */
  sort?: S;
  /** The direction a first click sorts in (highest scores and latest dates first read best descending). */
  firstDirection?: SortDirection;
  width?: number | string;
}

/** What a page answers (`pageOf` in electron/contract/paging.ts). */
export interface ListPageData<T> {
  rows: T[];
  total: number;
  offset: number;
  limit: number;
}

export interface ListTableProps<T, S extends string> {
  /** The table's accessible name. */
  label: string;
  columns: readonly ListColumn<T, S>[];
  query: UseQueryResult<ListPageData<T>>;
  /** The list's state (`useListState` or `useLocalListState`): its sort, and where sorting and paging go. */
  state: SortState<S>;
  idOf: (row: T) => string;
  /** What the row is called where a control names it ("Select <name>"). */
  nameOf: (row: T) => string;
  /** Said instead of rows when nothing matches. */
  emptyText: string;
  /** Optional selection of rows, kept across pages by id. */
  selection?: { selected: readonly T[]; onChange: (rows: T[]) => void; pageLabel: string } | undefined;
  /** A click anywhere on a row; the first cell's link is the keyboard's way in. */
  onRowClick?: ((row: T) => void) | undefined;
  /** Attributes on a row (data-* for tests and styles, a highlight for the open one). */
  rowAttributes?: ((row: T) => Record<string, string | undefined>) | undefined;
  rowBackground?: ((row: T) => string | undefined) | undefined;
  /** Column filters, shown above the table. */
  filters?: ReactNode;
}

/** What the table reads and changes of a list's state. */
export interface SortState<S extends string> {
  input: { sort: S; direction: SortDirection };
  set(change: { sort?: S; direction?: SortDirection; offset?: number; limit?: number }): void;
}

export const rowsPerPageOptions = [25, 50, 100] as const;

const ariaSortOf = (direction: SortDirection) => (direction === 'asc' ? 'ascending' : 'descending');

/** A sortable heading: a button (Enter or Space sorts), its arrow saying the direction to the eye. */
function SortButton(props: { title: string; active: boolean; direction: SortDirection; onClick: () => void }) {
  return (
    <UnstyledButton
      onClick={props.onClick}
      fw={700}
      fz="sm"
      style={{ display: 'inline-flex', gap: 4, alignItems: 'center', whiteSpace: 'nowrap' }}
    >
      {props.title}
      <span aria-hidden="true" style={{ opacity: props.active ? 1 : 0.35 }}>
        {props.active ? (props.direction === 'asc' ? '▲' : '▼') : '↕'}
      </span>
    </UnstyledButton>
  );
}

/**
 * The lists' table (docs/lists.md) on mantine-datatable: one page of rows from the core, sorted
 * and paged there. Sort headings are buttons and the sorted column says so in `aria-sort`;
 * "Rows 1–50 of 20,000" and page buttons below; selection checkboxes are named for their row.
 */
export function ListTable<T, S extends string>(props: ListTableProps<T, S>) {
  const { query, state } = props;
  const { sort, direction } = state.input;
  const tableRef = useRef<HTMLTableElement | null>(null);
  const data = query.data;
  const limit = data?.limit ?? 50;
  const page = data ? Math.floor(data.offset / limit) + 1 : 1;

  // The library draws the header cells and takes no attributes for them: say the sort on the
  // sorted column's header cell itself, where assistive technology looks for it.
  useLayoutEffect(() => {
    const headers = tableRef.current?.querySelectorAll<HTMLTableCellElement>('thead th[data-accessor]') ?? [];
    for (const th of headers) {
      const column = props.columns.find((c) => c.key === th.dataset.accessor);
      if (column?.sort === sort) th.setAttribute('aria-sort', ariaSortOf(direction));
      else th.removeAttribute('aria-sort');
    }
  });

  const columns: DataTableColumn<T>[] = props.columns.map((column) => ({
    accessor: column.key,
    title: column.sort ? (
      <SortButton
        title={column.title}
        active={column.sort === sort}
        direction={direction}
        onClick={() => {
          const next = column.sort === sort ? (direction === 'asc' ? 'desc' : 'asc') : (column.firstDirection ?? 'asc');
          if (column.sort) state.set({ sort: column.sort, direction: next });
        }}
      />
    ) : (
      column.title
    ),
    render: column.render,
    ...(column.width === undefined ? {} : { width: column.width }),
  }));

  const selection = props.selection;
  const selectionProps = selection
    ? {
        selectedRecords: [...selection.selected],
        onSelectedRecordsChange: selection.onChange,
        allRecordsSelectionCheckboxProps: { 'aria-label': selection.pageLabel },
        getRecordSelectionCheckboxProps: (row: T) => ({ 'aria-label': `Select ${props.nameOf(row)}` }),
      }
    : {};

  return (
    <Stack gap="sm">
      {props.filters}
      {query.isError ? <ErrorNotice error={query.error} title="This list could not be loaded" /> : null}
      <DataTable<T>
        tableRef={(table: HTMLTableElement | null) => {
          tableRef.current = table;
        }}
        aria-label={props.label}
        aria-busy={query.isFetching ? true : undefined}
        // Selected rows in the palest tint, so their links keep WCAG AA contrast (4.5:1).
        style={{ '--mantine-datatable-selection-color': 'var(--vigil-color-selected)' } as CSSProperties}
        withTableBorder
        striped
        highlightOnHover
        // Mantine's hover grey (gray.1) leaves links at 4.48:1 against it, under WCAG AA's 4.5:1.
        highlightOnHoverColor={{ light: '#f5f6f8', dark: 'dark.5' }}
        verticalSpacing="xs"
        minHeight={data && data.rows.length > 0 ? undefined : 160}
        idAccessor={props.idOf}
        records={data?.rows ?? []}
        columns={columns}
        fetching={query.isPending || query.isPlaceholderData}
        loaderBackgroundBlur={0}
        noRecordsText={query.isPending ? 'Loading…' : props.emptyText}
        noRecordsIcon={<span />}
        totalRecords={data?.total ?? 0}
        recordsPerPage={limit}
        page={page}
        onPageChange={(p) => state.set({ offset: (p - 1) * limit })}
        // 25 rows by default (a screenful, and quick to draw); more when someone wants to scan.
        recordsPerPageOptions={[...rowsPerPageOptions]}
        onRecordsPerPageChange={(n) => state.set({ limit: n, offset: 0 })}
        recordsPerPageLabel="Rows per page"
        paginationText={({ from, to, totalRecords }) => rowsText(from, to, totalRecords)}
        paginationWithEdges
        getPaginationControlProps={(control) => ({ 'aria-label': `${control[0]?.toUpperCase() ?? ''}${control.slice(1)} page` })}
        getPaginationItemProps={(p) => ({ 'aria-label': `Page ${formatCount(p)}`, 'aria-current': p === page ? 'page' : undefined })}
        onRowClick={props.onRowClick ? ({ record }) => props.onRowClick?.(record) : undefined}
        customRowAttributes={props.rowAttributes}
        rowStyle={props.rowBackground ? (row) => ({ background: props.rowBackground?.(row) }) : undefined}
        {...selectionProps}
      />
    </Stack>
  );
}
