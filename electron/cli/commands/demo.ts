import type { DemoResult } from '../../contract/index.ts';
import type { CliCommand } from '../command.ts';
import { callAndPrint } from '../output.ts';

export const demoCommand: CliCommand = {
  path: ['demo'],
  method: 'demo.load',
  usage: 'vigil demo [--db PATH]',
  summary: 'Fill an empty database with a realistic, fictional AI portfolio',
  options: {},
  run: (ctx) =>
    callAndPrint(
      ctx,
      'demo.load',
      {},
      (r: DemoResult) =>
        `Loaded the demo portfolio into ${ctx.dbPath}: ${r.systems} AI systems (${r.archived} archived), ${r.people} people, ` +
        `${r.assessments} assessments with ${r.answers} answers, ${r.risks} risks.\n` +
        `Open it with: vigil serve --db ${ctx.dbPath}\n` +
        `Then, as a committee would:\n` +
        `  vigil register summary --db ${ctx.dbPath}             recommendations and the decisions asked of the committee\n` +
        `  vigil export register --final --db ${ctx.dbPath}      the Word register (--with-answers adds every answer)\n` +
        `  vigil risks list --db ${ctx.dbPath}                   the risk register; vigil assessments threat ASM-… T-… plans one\n` +
        `  vigil assessments list --stage procurement --db ${ctx.dbPath}   then vigil assessments compare ASM-… ASM-… puts the two\n` +
        `                                                        competing ambient scribes (Quillwright, Scribewell) side by side\n` +
        `  vigil audit verify --db ${ctx.dbPath}                 the ledger's hash chain\n`,
    ),
};
