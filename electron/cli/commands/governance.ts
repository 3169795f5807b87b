import type { Person, ReviewQueue, Risk, Settings, SystemHistory, TriggerResult, WorkflowState } from '../../contract/index.ts';
import { UsageError, type CliCommand, type CommandContext } from '../command.ts';
import { callAndPrint, formatFields, formatTable } from '../output.ts';

/** "text|owner|YYYY-MM-DD", as used by --condition and --action. */
function triples(list: unknown, flag: string): { text: string; owner: string; due: string }[] {
  return ((list as string[] | undefined) ?? []).map((entry) => {
    const [text, owner, due] = entry.split('|').map((p) => p.trim());
    if (!text || !owner || !due) throw new UsageError(`${flag} takes "text|owner|YYYY-MM-DD", not "${entry}"`);
    return { text, owner, due };
  });
}

const oneId = { min: 1, max: 1 };

const describeState = (s: WorkflowState) => `${s.entityId} is ${s.state}. Allowed now: ${s.allowedEvents.join(', ') || 'nothing'}.\n`;

const riskRow = (r: Risk) => [
  r.id,
  r.systemName,
  r.threatId,
  `${r.residual.likelihood}×${r.residual.impact} ${r.band}${r.aboveAppetite ? ' !' : ''}`,
  r.status,
  r.owner || '—',
  r.dueDate ?? '—',
  r.overdue ? 'OVERDUE' : '',
];
const riskTable = (risks: Risk[]) =>
  risks.length === 0
    ? 'No risks match.\n'
    : formatTable(['Risk', 'System', 'Threat', 'Residual', 'Status', 'Owner', 'Due', ''], risks.map(riskRow)) + '(! = above appetite)\n';

function describeRisk(r: Risk): string {
  return formatFields([
    ['Risk', r.id],
    ['System', `${r.systemName} (${r.systemId})`],
    ['Assessment', r.assessmentId],
    ['Threat', `${r.threatName} (${r.threatId})`],
    ['Inherent', `${r.inherent.likelihood}×${r.inherent.impact} = ${r.inherent.score} (${r.inherent.band})`],
    ['Residual', `${r.residual.likelihood}×${r.residual.impact} = ${r.residual.score} (${r.residual.band})${r.aboveAppetite ? ', above appetite' : ''}`],
    ['Status', r.status],
    ['Owner', r.owner || '—'],
    ['Treatment', r.treatment ? `${r.treatment.kind}: ${r.treatment.plan}` : '—'],
    ...(r.treatment?.actions ?? []).map((a, i) => [`  action ${i + 1}`, `${a.text} — ${a.owner}, due ${a.due}`] as [string, string]),
    ['Acceptance', r.acceptance ? `${r.acceptance.rationale} (expires ${r.acceptance.expiry}${r.acceptance.grantedBy ? `, granted by ${r.acceptance.grantedBy.name} as ${r.acceptance.grantedBy.role}` : ', requested'})` : '—'],
    ['Allowed now', r.allowedEvents.join(', ') || '—'],
  ]);
}

const describeTrigger = (t: TriggerResult) =>
  `Recorded ${t.event.kind} ${t.event.id} for ${t.event.systemId}; lifecycle stage now ${t.lifecycleStage}.\n` +
  (t.assessmentId ? `Re-assessment: ${t.assessmentId} (answers carried over are marked to re-confirm).\n` : '');

export const governanceCommands: CliCommand[] = [
  {
    path: ['workflow', 'send'],
    method: 'workflow.send',
    usage: 'vigil workflow send ENTITY_ID EVENT [--actor NAME --role ROLE] [--comment T] [--condition "text|owner|YYYY-MM-DD" ...]',
    summary: 'Send a workflow event (review.submit, review.approve, lifecycle.advance, risk.start, ...)',
    options: { comment: { type: 'string' }, condition: { type: 'string', multiple: true } },
    positionals: { min: 2, max: 2 },
    run: (ctx) =>
      callAndPrint(
        ctx,
        'workflow.send',
        {
          entityId: ctx.positionals[0],
          event: ctx.positionals[1],
          comment: (ctx.values.comment as string | undefined) ?? '',
          conditions: triples(ctx.values.condition, '--condition'),
        },
        describeState,
      ),
  },
  {
    path: ['workflow', 'show'],
    method: 'workflow.allowed',
    usage: 'vigil workflow show ENTITY_ID',
    summary: 'The state of a system, assessment or risk and the events allowed now',
    options: {},
    positionals: oneId,
    run: (ctx) => callAndPrint(ctx, 'workflow.allowed', { entityId: ctx.positionals[0] }, describeState),
  },
  {
    path: ['reviews', 'queue'],
    method: 'reviews.queue',
    usage: 'vigil reviews queue --actor NAME',
    summary: 'What awaits a person: reviews to sign, risks to treat or accept',
    options: { actor: { type: 'string' } },
    run: (ctx) => {
      if (!ctx.values.actor) throw new UsageError('--actor NAME is required');
      return callAndPrint(ctx, 'reviews.queue', { name: ctx.values.actor }, (q: ReviewQueue) =>
        !q.person
          ? `${String(ctx.values.actor)} is not in the list of people (vigil people add).\n`
          : `Awaiting ${q.person.name} (${q.person.roles.join(', ')}):\n` +
            (q.assessments.length + q.risks.length === 0
              ? '  nothing\n'
              : formatTable(
                  ['Item', 'What', 'Why'],
                  [...q.assessments.map((a) => [a.id, `${a.title}`, a.reason]), ...q.risks.map((r) => [r.id, `${r.systemName}: ${r.threatName}`, r.reason])],
                )),
      );
    },
  },
  {
    path: ['risks', 'list'],
    method: 'risks.list',
    usage: 'vigil risks list [--system ID] [--band B] [--status S] [--owner NAME] [--overdue]',
    summary: 'The risk register',
    options: { system: { type: 'string' }, band: { type: 'string' }, status: { type: 'string' }, owner: { type: 'string' }, overdue: { type: 'boolean' } },
    run: (ctx) =>
      callAndPrint(
        ctx,
        'risks.list',
        {
          ...(ctx.values.system ? { systemId: ctx.values.system } : {}),
          ...(ctx.values.band ? { band: ctx.values.band } : {}),
          ...(ctx.values.status ? { status: ctx.values.status } : {}),
          ...(ctx.values.owner ? { owner: ctx.values.owner } : {}),
          ...(ctx.values.overdue ? { overdue: true } : {}),
        },
        riskTable,
      ),
  },
  {
    path: ['risks', 'show'],
    method: 'risks.get',
    usage: 'vigil risks show RISK_ID',
    summary: 'One risk with its treatment and acceptance',
    options: {},
    positionals: oneId,
    run: (ctx) => callAndPrint(ctx, 'risks.get', { id: ctx.positionals[0] }, describeRisk),
  },
  {
    path: ['risks', 'treat'],
    method: 'risks.treat',
    usage: 'vigil risks treat RISK_ID --kind mitigate|transfer|avoid --owner NAME --plan TEXT [--action "text|owner|YYYY-MM-DD" ...] [--actor NAME --role ROLE]',
    summary: 'Plan a risk treatment',
    options: { kind: { type: 'string' }, owner: { type: 'string' }, plan: { type: 'string' }, action: { type: 'string', multiple: true } },
    positionals: oneId,
    run: (ctx) =>
      callAndPrint(
        ctx,
        'risks.treat',
        {
          id: ctx.positionals[0],
          treatment: { kind: ctx.values.kind, owner: ctx.values.owner, plan: ctx.values.plan, actions: triples(ctx.values.action, '--action') },
        },
        describeRisk,
      ),
  },
  {
    path: ['risks', 'request-acceptance'],
    method: 'risks.requestAcceptance',
    usage: 'vigil risks request-acceptance RISK_ID --rationale TEXT --expiry YYYY-MM-DD --actor NAME --role ROLE',
    summary: 'Ask for a risk to be accepted',
    options: { rationale: { type: 'string' }, expiry: { type: 'string' } },
    positionals: oneId,
    run: (ctx) =>
      callAndPrint(
        ctx,
        'risks.requestAcceptance',
        { id: ctx.positionals[0], rationale: ctx.values.rationale, expiry: ctx.values.expiry },
        describeRisk,
      ),
  },
  {
    path: ['risks', 'accept'],
    method: 'risks.accept',
    usage: 'vigil risks accept RISK_ID --actor NAME --role ROLE [--rationale TEXT --expiry YYYY-MM-DD]',
    summary: 'Accept a risk (only a role authorised for its band)',
    options: { rationale: { type: 'string' }, expiry: { type: 'string' } },
    positionals: oneId,
    run: (ctx) =>
      callAndPrint(
        ctx,
        'risks.accept',
        {
          id: ctx.positionals[0],
          ...(ctx.values.rationale ? { rationale: ctx.values.rationale } : {}),
          ...(ctx.values.expiry ? { expiry: ctx.values.expiry } : {}),
        },
        describeRisk,
      ),
  },
  {
    path: ['systems', 'record-change'],
    method: 'systems.recordChange',
    usage:
      'vigil systems record-change ID --kind modelVersion|dataSource|integration --description TEXT [--model-version V] [--provenance TEXT] [--dataset-digest D] [--change-notice REF] [--date YYYY-MM-DD]',
    summary: 'Record a change; the system becomes due for re-assessment',
    options: {
      kind: { type: 'string' },
      description: { type: 'string' },
      'model-version': { type: 'string' },
      provenance: { type: 'string' },
      'dataset-digest': { type: 'string' },
      'change-notice': { type: 'string' },
      date: { type: 'string' },
    },
    positionals: oneId,
    run: (ctx) =>
      callAndPrint(
        ctx,
        'systems.recordChange',
        {
          systemId: ctx.positionals[0],
          kind: ctx.values.kind,
          description: ctx.values.description,
          ...(ctx.values['model-version'] ? { modelVersion: ctx.values['model-version'] } : {}),
          ...(ctx.values.provenance ? { provenance: ctx.values.provenance } : {}),
          ...(ctx.values['dataset-digest'] ? { datasetDigest: ctx.values['dataset-digest'] } : {}),
          ...(ctx.values['change-notice'] ? { changeNotice: ctx.values['change-notice'] } : {}),
          ...(ctx.values.date ? { occurredAt: ctx.values.date } : {}),
        },
        describeTrigger,
      ),
  },
  {
    path: ['systems', 'history'],
    method: 'systems.history',
    usage: 'vigil systems history ID',
    summary: 'Lifecycle, model versions, changes, incidents and audit trail of a system',
    options: {},
    positionals: oneId,
    run: (ctx) =>
      callAndPrint(ctx, 'systems.history', { id: ctx.positionals[0] }, (h: SystemHistory) =>
        describeState(h.lifecycle) +
        `Re-assessment due: ${h.reassessmentDue ?? 'not set'}\n\nChanges and incidents\n` +
        (h.events.length === 0
          ? '  none\n'
          : formatTable(['Date', 'Kind', 'Description', 'Model version', 'Assessment'], h.events.map((e) => [e.occurredAt, e.kind, e.description, e.modelVersion || '—', e.assessmentId ?? '—']))) +
        '\nAudit trail\n' +
        formatTable(['#', 'At', 'Actor', 'Action', 'Detail'], h.ledger.map((l) => [String(l.seq), l.at, l.actor, l.action, l.summary])),
      ),
  },
  {
    path: ['incidents', 'report'],
    method: 'incidents.report',
    usage: 'vigil incidents report --system ID --kind securityIncident|suspectedManipulation|driftAlert --description TEXT [--date YYYY-MM-DD]',
    summary: 'Report an incident; the system becomes due for re-assessment',
    options: { system: { type: 'string' }, kind: { type: 'string' }, description: { type: 'string' }, date: { type: 'string' } },
    run: (ctx) => {
      if (!ctx.values.system) throw new UsageError('--system ID is required');
      return callAndPrint(
        ctx,
        'incidents.report',
        { systemId: ctx.values.system, kind: ctx.values.kind, description: ctx.values.description, ...(ctx.values.date ? { occurredAt: ctx.values.date } : {}) },
        describeTrigger,
      );
    },
  },
  {
    path: ['people', 'list'],
    method: 'people.list',
    usage: 'vigil people list',
    summary: 'People and their governance roles',
    options: {},
    run: (ctx) =>
      callAndPrint(ctx, 'people.list', {}, (people: Person[]) =>
        people.length === 0 ? 'No people yet. Add one with: vigil people add --name N --roles reviewer\n' : formatTable(['ID', 'Name', 'Roles', 'Active'], people.map((p) => [p.id, p.name, p.roles.join(', '), p.active ? 'yes' : 'no'])),
      ),
  },
  {
    path: ['people', 'add'],
    method: 'people.save',
    usage: 'vigil people add --name NAME --roles assessor,reviewer,committeeChair,riskOwner [--email E]',
    summary: 'Add a person with their roles',
    options: { name: { type: 'string' }, roles: { type: 'string' }, email: { type: 'string' } },
    run: (ctx: CommandContext) =>
      callAndPrint(
        ctx,
        'people.save',
        { name: ctx.values.name, roles: String(ctx.values.roles ?? '').split(',').map((r) => r.trim()).filter(Boolean), ...(ctx.values.email ? { email: ctx.values.email } : {}) },
        (p: Person) => `Added ${p.name} (${p.id}) as ${p.roles.join(', ')}\n`,
      ),
  },
  {
    path: ['settings', 'show'],
    method: 'settings.get',
    usage: 'vigil settings show',
    summary: 'Governance settings',
    options: {},
    run: (ctx) =>
      callAndPrint(ctx, 'settings.get', {}, (s: Settings) =>
        formatFields([
          ['Organisation', s.organisation],
          ['Sign-offs required', String(s.signOffsRequired)],
          ['Separation of duties', s.separationOfDuties ? 'on' : 'off'],
          ...Object.entries(s.acceptanceAuthority).map(([band, who]) => [`May accept ${band}`, who.join(', ') || 'nobody'] as [string, string]),
        ]),
      ),
  },
  {
    path: ['settings', 'set'],
    method: 'settings.update',
    usage: 'vigil settings set [--organisation T] [--sign-offs N] [--accept BAND=role,role ...] [--separation-of-duties on|off]',
    summary: 'Change governance settings',
    options: { organisation: { type: 'string' }, 'sign-offs': { type: 'string' }, accept: { type: 'string', multiple: true }, 'separation-of-duties': { type: 'string' } },
    run: (ctx) => {
      const separation = ctx.values['separation-of-duties'];
      if (separation !== undefined && separation !== 'on' && separation !== 'off') throw new UsageError(`--separation-of-duties takes on or off, not "${String(separation)}"`);
      const accept = ((ctx.values.accept as string[] | undefined) ?? []).map((entry) => {
        const [band, list = ''] = entry.split('=');
        if (!band) throw new UsageError(`--accept takes BAND=role,role, not "${entry}"`);
        return [band, list.split(',').map((r) => r.trim()).filter(Boolean)] as const;
      });
      return callAndPrint(
        ctx,
        'settings.update',
        {
          ...(ctx.values.organisation ? { organisation: ctx.values.organisation } : {}),
          ...(ctx.values['sign-offs'] ? { signOffsRequired: Number(ctx.values['sign-offs']) } : {}),
          ...(accept.length > 0 ? { acceptanceAuthority: Object.fromEntries(accept) } : {}),
          ...(separation !== undefined ? { separationOfDuties: separation === 'on' } : {}),
        },
        () => 'Settings saved.\n',
      );
    },
  },
];
