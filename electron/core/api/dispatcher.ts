import {
  contract,
  describeRoles,
  type ActingAs,
  type ActingRule,
  type Person,
  type SignedInAccount,
  describeIssues,
  fileFieldOf,
  findNonPlainText,
  namesPerson,
  sameSigner,
  fail,
  isMethodName,
  ok,
  type MethodName,
  type MethodOutput,
  type ParsedInput,
  type Result,
  toFieldIssues,
  type WorkspaceMode,
} from '../../contract/index.ts';
import { DomainError } from '../domain-error.ts';
import { actorLabel, type CallContext, type Principal } from '../deps.ts';


export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
  ctx: CallContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** One handler per contract method; the type makes a missing handler a compile error. */
export type Handlers = { [M in MethodName]: Handler<M> };

export type Dispatch = (method: string, input: unknown, ctx: CallContext) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Where unexpected failures are reported (they reach the caller only as INTERNAL). */
  onInternalError?: (method: string, error: unknown) => void;
  /** Why the database is read-only, if it is: every change but a restore is then refused. */
  readOnly?: string | null;
  /**
   * Checks a named person against Settings → People: they exist, are active and hold the role
   * they act in (throws FORBIDDEN otherwise). Without it, naming a person is refused.
   */
  verifyPerson?: (by: ActingAs) => Promise<Person>;
  /** The database's workspace mode (Settings → workspaceMode); without it, every call is a hospital's. */
  workspaceMode?: () => Promise<WorkspaceMode>;
}

/**
 * Whether a method may be called in a workspace of this mode (docs/vendor-mode.md): the one place
 * the rule is applied, from each method's `workspace` declaration in methods.ts.
 */
export function workspaceRefusal(method: MethodName, mode: WorkspaceMode): string | null {
  const declared = contract[method].workspace ?? 'hospital';
  if (declared === 'both' || declared === mode) return null;
  return mode === 'vendor'
    ? `This is a vendor workspace: it opens hospitals' requests and answers them. ${method} belongs to a hospital's workspace.`
    : `${method} belongs to a vendor workspace, and this database is a hospital's. A vendor answers requests in its own database, set to vendor mode (Settings, or vigil settings set --workspace-mode vendor --organisation NAME).`;
}

/**
 * The principal of a call, from the method's acting declaration: the person named in `by`,
 * verified, in a role the method allows; or the OS login where nobody need be named.
 */
async function principalFor(method: string, rule: ActingRule, by: ActingAs | undefined, ctx: CallContext, options: DispatcherOptions): Promise<Principal> {
  if (ctx.account) return accountPrincipal(method, rule, by, ctx.account);
  if (rule === 'administrator') {
    throw new DomainError('FORBIDDEN', `${method} manages accounts, and accounts exist only on a team server; this Vigil has none.`);
  }
  const os = { osLogin: ctx.actor };
  if (rule === 'none') return os;
  if (!by) {
    if (!rule.required) return os;
    throw new DomainError('VALIDATION_FAILED', `${method} needs the person acting (by: name and role; --actor and --role on the command line).`, {
      issues: [{ path: 'by', message: 'required' }],
    });
  }
  if (!options.verifyPerson) throw new DomainError('FORBIDDEN', `${method} cannot name a person here: this workspace has no list of people.`);
  const person = await options.verifyPerson(by);
  if (!rule.roles.includes(by.role)) {
    throw new DomainError('FORBIDDEN', `${person.name} is acting as ${by.role}; ${method} needs ${describeRoles(rule.roles)}.`, {
      name: person.name,
      role: by.role,
      allowedRoles: [...rule.roles],
    });
  }
  // The name as Settings → People spells it, so records of one person always match.
  return { name: person.name, role: by.role };
}

/**
 * Team mode (docs/team-mode.md, "Who acts in team mode"): the signed-in account is the principal.
 * There is no "Acting as": `by` may only name the signed-in person, in a role they hold; without
 * it the role is the first of theirs the method allows.
 */
function accountPrincipal(method: string, rule: ActingRule, by: ActingAs | undefined, account: SignedInAccount): Principal {
  const holder = { name: account.name, account: account.login };
  if (rule === 'administrator') {
    if (!account.administrator) {
      throw new DomainError('FORBIDDEN', `${method} is for administrators; ${account.name} [${account.login}] is not one.`, { login: account.login });
    }
    return holder;
  }
  if (!namesPerson(rule)) return holder;
  if (by) {
    if (!sameSigner(by.name, account.name)) {
      throw new DomainError('FORBIDDEN', `You are signed in as ${account.name} [${account.login}]; ${method} cannot be recorded as ${by.name}.`, {
        name: by.name,
        signedInAs: account.name,
      });
    }
    if (!account.roles.includes(by.role)) {
      throw new DomainError('FORBIDDEN', `${account.name} does not hold the ${by.role} role (their roles: ${account.roles.join(', ') || 'none'}).`, {
        name: account.name,
        role: by.role,
      });
    }
  }
  const role = by?.role ?? account.roles.find((r) => rule.roles.includes(r));
  if (role === undefined || !rule.roles.includes(role)) {
    const held = account.roles.length === 0 ? 'holds no governance role' : `is ${describeRoles(account.roles, 'and')}`;
    throw new DomainError('FORBIDDEN', `${method} needs ${describeRoles(rule.roles)}; ${account.name} ${held}.`, {
      name: account.name,
      ...(role === undefined ? {} : { role }),
      allowedRoles: [...rule.roles],
    });
  }
  return { name: account.name, role, account: account.login };
}

const allowedWhenReadOnly = new Set(['backup.restore']);

/**
 * The only way into the core. Looks the method up by name, validates the input with the
 * method's strict schema, and only then runs the handler; every failure comes back as a value.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  return async (method, rawInput, ctx) => {
    if (!isMethodName(method)) {
      return fail('UNKNOWN_METHOD', `Unknown method "${method}".`, { method });
    }
    if (options.readOnly && contract[method].mutates && !allowedWhenReadOnly.has(method)) {
      return fail('READ_ONLY', `Vigil opened this database read-only: ${options.readOnly} Restore a backup to make changes again.`, { method });
    }
    // A database whose settings cannot be read (damaged) is left to the method itself: a restore must still run.
    const mode = options.workspaceMode ? await options.workspaceMode().catch(() => null) : null;
    const refusal = mode === null ? null : workspaceRefusal(method, mode);
    if (mode !== null && refusal !== null) return fail('WRONG_WORKSPACE', refusal, { method, workspaceMode: mode });
    const parsed = contract[method].input.safeParse(rawInput === undefined ? {} : rawInput);
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      return fail('VALIDATION_FAILED', `Invalid input for ${method}: ${describeIssues(issues)}`, { issues });
    }
    // One rule for text from outside, on both engines alike, before anything is written
    // (plain-text.ts). It reads the input as sent, before any trimming, so nothing is repaired
    // on the way in. A field carrying a whole file is read by the reader that understands it.
    const fileField = fileFieldOf(method);
    const unsafe = findNonPlainText(rawInput, fileField === null ? [] : [fileField]);
    if (unsafe !== null) {
      const issues = [{ path: unsafe.path.join('.'), message: `text ${unsafe.problem.message}` }];
      return fail('VALIDATION_FAILED', `Invalid input for ${method}: ${describeIssues(issues)}`, { issues });
    }
    try {
      const spec = contract[method] as { acting: ActingRule | ((input: unknown) => ActingRule) };
      const rule = typeof spec.acting === 'function' ? spec.acting(parsed.data) : spec.acting;
      const by = namesPerson(rule) ? (parsed.data as { by?: ActingAs }).by : undefined;
      // A rule declared per input (workflow.send) is named by its event in a refusal.
      const step = typeof spec.acting === 'function' ? ((parsed.data as { event?: string }).event ?? method) : method;
      const principal = await principalFor(step, rule, by, ctx, options);
      const handler = handlers[method] as (input: unknown, ctx: CallContext) => unknown;
      return ok(await handler(parsed.data, { ...ctx, principal, actor: actorLabel(principal) }));
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error: error.toValue() };
      options.onInternalError?.(method, error);
      if (error instanceof Error && 'code' in error && /^SQLITE_(CORRUPT|NOTADB)/.test(String(error.code))) {
        return fail('DATABASE_CORRUPT', `Vigil could not complete ${method}: the part of the database it needs is damaged. Restore a backup (vigil restore FILE, or Settings → Integrity).`);
      }
      return fail('INTERNAL', `Vigil could not complete ${method}: an unexpected error occurred.`);
    }
  };
}
