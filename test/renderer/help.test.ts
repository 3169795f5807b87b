// Help where it is needed (issue 19): the glossary's words and the first-run guide's condition.
// The glossary's framework IDs must be ones the product itself cites (the catalog's threats,
// safeguards and reference registry), in each framework's own ID format, under the name the
// register prints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameworkNames, refFrameworks, Refs } from '../../electron/contract/index.ts';
import { findGlossaryEntry, glossaryFrameworks, glossaryTerms } from '../../renderer/src/help/glossary.ts';
import { firstSteps, isFirstRun } from '../../renderer/src/pages/dashboard/first-run.ts';
import { hrefFor, parseRoute } from '../../renderer/src/routing/use-hash-route.ts';

const catalogDir = join(import.meta.dirname, '..', '..', 'templates', 'catalog');
const readCatalog = <T>(file: string): T => JSON.parse(readFileSync(join(catalogDir, file), 'utf8')) as T;
type Cited = { refs?: Partial<Record<string, string[]>> };
const cited = [...readCatalog<{ threats: Cited[] }>('threats.json').threats, ...readCatalog<{ controls: Cited[] }>('controls.json').controls];
const registry = readCatalog<{ items: { id: string; framework: string }[] }>('references.json').items;

/** Every ID the catalog cites, by framework. */
const citedIds = new Map<string, Set<string>>();
for (const item of cited) {
  for (const [framework, ids] of Object.entries(item.refs ?? {})) for (const id of ids ?? []) citedIds.set(framework, (citedIds.get(framework) ?? new Set()).add(id));
}
for (const item of registry) citedIds.set(item.framework, (citedIds.get(item.framework) ?? new Set()).add(item.id));

describe('glossary', () => {
  it('defines every term a risk manager meets, each with a definition in sentences', () => {
    const wanted = ['likelihood', 'impact', 'band', 'risk-appetite', 'inherent-risk', 'residual-risk', 'gap', 'safeguard', 'threat', 'lifecycle-stage', 'reassessment', 'acceptance'];
    const ids = glossaryTerms.map((t) => t.id);
    for (const id of wanted) expect(ids, id).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of glossaryTerms) {
      expect(t.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(t.term.trim()).not.toBe('');
      expect(t.definition.length, t.id).toBeGreaterThan(40);
      expect(t.definition, t.id).toMatch(/[.)]$/);
    }
    // A safeguard is what the catalog and frameworks call a control.
    expect(findGlossaryEntry('safeguard')).toMatchObject({ alsoCalled: expect.arrayContaining(['control']) });
  });

  it('explains every framework the catalog cites, under the name the register prints', () => {
    const explained = glossaryFrameworks.map((f) => f.framework);
    expect(new Set(explained).size).toBe(explained.length);
    for (const framework of citedIds.keys()) expect(explained, framework).toContain(framework);
    for (const f of glossaryFrameworks) {
      expect(refFrameworks).toContain(f.framework);
      expect(f.name).toBe(frameworkNames[f.framework]);
      expect(f.definition.length, f.framework).toBeGreaterThan(40);
    }
    // The frameworks named in the issue and the product's templates.
    const names = glossaryFrameworks.map((f) => `${f.name} ${f.definition}`).join(' ');
    for (const name of ['NIST AI RMF', 'ISO/IEC 42001', 'FDA', 'HIPAA', 'MITRE ATLAS', 'OWASP', 'CHAI']) expect(names).toContain(name);
  });

  it('gives as examples only IDs the catalog cites, each in its framework\'s own format', () => {
    for (const f of glossaryFrameworks) {
      expect(f.examples.length, f.framework).toBeGreaterThan(0);
      for (const id of f.examples) {
        expect(citedIds.get(f.framework)?.has(id), `${f.framework} ${id}`).toBe(true);
        expect(Refs.safeParse({ [f.framework]: [id] }).success, `${f.framework} ${id}`).toBe(true);
      }
    }
  });

  it('opens at a term by address, and finds terms and frameworks by id', () => {
    expect(parseRoute('#/glossary?term=band')).toEqual({ page: 'glossary', term: 'band' });
    expect(hrefFor({ page: 'glossary', term: 'residual-risk' })).toBe('#/glossary?term=residual-risk');
    expect(findGlossaryEntry('band')).toMatchObject({ term: 'Band' });
    expect(findGlossaryEntry('atlas')).toMatchObject({ name: 'MITRE ATLAS' });
    expect(findGlossaryEntry('nothing')).toBeNull();
  });
});

describe('first-run guide', () => {
  const totals = (systems: number) => ({ totals: { systems, openRisks: 0, aboveAppetite: 0, overdue: 0 } });

  it('is shown while the inventory is empty and gone once a system exists', () => {
    expect(isFirstRun(totals(0))).toBe(true);
    expect(isFirstRun(totals(1))).toBe(false);
    expect(isFirstRun(totals(40))).toBe(false);
  });

  it('offers three steps in order (add a system, start an assessment, review the register), each leading to a page Vigil has', () => {
    expect(firstSteps.map((s) => s.title)).toEqual(['Add an AI system', 'Start an assessment', 'Review the risk register']);
    expect(firstSteps.map((s) => s.route.page)).toEqual(['systemNew', 'systems', 'risks']);
    for (const step of firstSteps) {
      expect(parseRoute(hrefFor(step.route))).toEqual(step.route);
      expect(step.action.trim()).not.toBe('');
    }
  });
});
