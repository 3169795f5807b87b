// A list's state in its address (docs/lists.md, "Addresses"): parameters named as the paged
// method's input, checked against the contract's schema field by field, written back short.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditEventsInput, defaultPageSize, RiskPageInput, SystemPageInput } from '../../electron/contract/index.ts';
import { changedInput, listParams, readListInput } from '../../renderer/src/components/list/list-state.ts';
import { listQuery, type ListParams } from '../../renderer/src/routing/list-href.ts';
import { rowsText } from '../../renderer/src/components/list/list-text.ts';

const asQuery = (params: ListParams) => Object.fromEntries(new URLSearchParams(listQuery(params)));

describe('reading a list address', () => {
  it('gives the method defaults for an empty address', () => {
    expect(readListInput(RiskPageInput, undefined)).toEqual(RiskPageInput.parse({}));
    expect(readListInput(RiskPageInput, undefined)).toMatchObject({ sort: 'residual', direction: 'desc', offset: 0, limit: 25, search: '' });
  });

  it('reads text, numbers and true (1) as the schema declares each field, and page as an offset', () => {
    const input = readListInput(RiskPageInput, {
      band: 'high',
      aboveAppetite: '1',
      overdue: 'true',
      residualLikelihood: '4',
      residualImpact: '5',
      sort: 'dueDate',
      direction: 'asc',
      page: '3',
      search: '  sepsis ',
    });
    expect(input).toMatchObject({
      band: 'high',
      aboveAppetite: true,
      overdue: true,
      residualLikelihood: 4,
      residualImpact: 5,
      sort: 'dueDate',
      direction: 'asc',
      offset: 50,
      search: 'sepsis',
    });
  });

  it('drops values the method would refuse and keeps the rest of the view', () => {
    const input = readListInput(RiskPageInput, {
      band: 'critical',
      sort: 'colour',
      direction: 'sideways',
      residualLikelihood: '9',
      systemId: 'not-an-id',
      page: '0',
      limit: '5000',
      unknown: 'x',
      offset: '7',
    });
    expect(input).toEqual({ ...RiskPageInput.parse({}), band: 'critical' });
  });

  it('counts pages in the page size the address asks for', () => {
    expect(readListInput(AuditEventsInput, { limit: '20', page: '4' })).toMatchObject({ limit: 20, offset: 60 });
  });

  it('reads a filter that is true or false from the schema, not from its name', () => {
    expect(readListInput(SystemPageInput, { includeArchived: '1' }).includeArchived).toBe(true);
    expect(readListInput(SystemPageInput, { includeArchived: 'yes' }).includeArchived).toBe(false);
  });
});

describe('writing a list address', () => {
  it('writes only what differs from the defaults, the offset as a 1-based page', () => {
    const input = { ...RiskPageInput.parse({}), band: 'high', aboveAppetite: true, offset: 50 };
    expect(listParams(RiskPageInput, input)).toEqual({ band: 'high', aboveAppetite: true, page: 3 });
    expect(listQuery(listParams(RiskPageInput, input))).toBe('?band=high&aboveAppetite=1&page=3');
    expect(listParams(RiskPageInput, RiskPageInput.parse({}))).toEqual({});
  });

  it('writes false as 0 where it filters (within appetite), and leaves out a default false', () => {
    const within = { ...RiskPageInput.parse({}), aboveAppetite: false };
    expect(listQuery(listParams(RiskPageInput, within))).toBe('?aboveAppetite=0');
    expect(readListInput(RiskPageInput, { aboveAppetite: '0' }).aboveAppetite).toBe(false);
    expect(listParams(SystemPageInput, SystemPageInput.parse({ includeArchived: false }))).toEqual({});
  });

  it('reads back what it wrote, for any valid register view', () => {
    const view = fc.record(
      {
        band: fc.constantFrom('low', 'medium', 'high', 'critical'),
        status: fc.constantFrom('identified', 'planned', 'accepted'),
        owner: fc.string({ minLength: 1, maxLength: 20 }),
        openOnly: fc.boolean(),
        aboveAppetite: fc.boolean(),
        residualLikelihood: fc.integer({ min: 1, max: 5 }),
        acceptanceExpiresWithinDays: fc.integer({ min: 1, max: 366 }),
        search: fc.string({ maxLength: 30 }).map((s) => s.trim()),
        sort: fc.constantFrom('systemName', 'threatName', 'residual', 'dueDate'),
        direction: fc.constantFrom('asc', 'desc'),
        page: fc.integer({ min: 0, max: 400 }),
        limit: fc.integer({ min: 1, max: 200 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(view, ({ page, ...fields }) => {
        const limit = fields.limit ?? defaultPageSize;
        const input = RiskPageInput.parse({ ...fields, offset: (page ?? 0) * limit });
        const back = readListInput(RiskPageInput, asQuery(listParams(RiskPageInput, input)));
        expect(back).toEqual(input);
      }),
    );
  });

  it('goes back to the first page when anything but the page changes', () => {
    const input = { ...RiskPageInput.parse({}), offset: 150 };
    expect(changedInput(input, { band: 'high' }).offset).toBe(0);
    expect(changedInput(input, { sort: 'owner', direction: 'asc' }).offset).toBe(0);
    expect(changedInput(input, { offset: 200 }).offset).toBe(200);
    expect(changedInput({ ...input, band: 'high' }, { band: undefined })).not.toHaveProperty('band');
  });
});

describe('the rows a table shows', () => {
  it('says the window and the total with thousands separators', () => {
    expect(rowsText(1, 50, 20000)).toBe('Rows 1–50 of 20,000');
    expect(rowsText(19951, 20000, 20000)).toBe('Rows 19,951–20,000 of 20,000');
    expect(rowsText(0, 0, 0)).toBe('No rows');
  });
});

describe('one view, one address', () => {
  it('writes parameters in the schema order, however the view was reached', () => {
    const reached = changedInput(changedInput(RiskPageInput.parse({}), { sort: 'owner' }), { aboveAppetite: true, band: 'high' });
    expect(listQuery(listParams(RiskPageInput, reached))).toBe('?band=high&aboveAppetite=1&sort=owner');
  });
});
