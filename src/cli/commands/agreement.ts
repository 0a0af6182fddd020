import type { Command } from 'commander';
import { agreement } from '../../screen/agreement.js';
import { num, openScreening, optionalStage, pct, stageOption } from './screening-shared.js';
import { printJson, table, withWorkspace, type CommonOptions } from '../output.js';

export function registerAgreement(program: Command): void {
  const command = program
    .command('agreement')
    .description('agreement between reviewers per pair and stage: percent agreement, Cohen\'s kappa with 95% CI, Gwet\'s AC1, PABAK')
    .addOption(stageOption('only this stage'));
  withWorkspace(command)
    .addHelpText('after', '\nOver the records both reviewers have decided (include / exclude / unsure: unsure is its own category);\n' +
      'computable at any point. Kappa drops when nearly everything is excluded, as in screening: AC1 and PABAK do not.\n\n' +
      'Examples:\n  $ review agreement\n  $ review agreement --stage title-abstract --json')
    .action((options: CommonOptions & { stage?: string }) => {
      const { db } = openScreening(options);
      const { pairs } = agreement(db, { stage: optionalStage(options.stage) });
      db.close();
      if (options.json) {
        return printJson({
          pairs: pairs.map((p) => ({
            stage: p.stage, reviewers: p.reviewers, n: p.n, agreement: p.agreement, kappa: p.kappa, kappaCI: p.kappaCI,
            ac1: p.ac1, ac1CI: p.ac1CI, pabak: p.pabak, kappaSE: p.kappaSE, ac1SE: p.ac1SE, categories: p.categories, counts: p.counts,
          })),
        });
      }
      if (pairs.length === 0) return console.log('No record has been decided by two reviewers yet.');
      console.log(table(['stage', 'reviewers', 'n', 'agreement', 'kappa', '95% CI', 'AC1', 'PABAK'],
        pairs.map((p) => [p.stage, p.reviewers.join(' & '), p.n, pct(p.agreement), num(p.kappa),
          p.kappaCI ? `${num(p.kappaCI[0])} to ${num(p.kappaCI[1])}` : '–', num(p.ac1), num(p.pabak)])));
      for (const p of pairs) {
        console.log(`\n${p.stage}: ${p.reviewers[0]} (rows) × ${p.reviewers[1]} (columns)`);
        console.log(table(['', ...p.categories], p.categories.map((c, i) => [c, ...p.counts[i]])));
      }
    });
}
