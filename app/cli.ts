import { loadConfig } from '../config/index.js';
import { terminalLocale } from '../config/terminal-locale.js';
import { describeFailure, unknownCommand, USAGE } from './cli-text.js';
import { runCheckGroupCommand } from './commands/check-group-command.js';
import { runClassifyCommand } from './commands/classify-command.js';
import { runAuditCommand } from './commands/audit-command.js';
import { runBenchCommand } from './commands/bench-command.js';
import { runCrawlCommand } from './commands/crawl-command.js';
import { runEvalCommand } from './commands/eval-command.js';
import { runRetentionCommand } from './commands/retention-command.js';
import { runRulesCommand } from './commands/rules-command.js';
import { runSourcesCommand } from './commands/sources-command.js';
import { runTrainCommand } from './commands/train-command.js';
import { runUsersCommand } from './commands/users-command.js';
import { runMonitor } from './monitor-main.js';

type Command = (args: string[]) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  start: () => runMonitor(loadConfig(), { api: true, worker: true }),
  api: () => runMonitor(loadConfig(), { api: true, worker: false }),
  worker: () => runMonitor(loadConfig(), { api: false, worker: true }),
  classify: runClassifyCommand,
  'check-group': runCheckGroupCommand,
  rules: runRulesCommand,
  train: runTrainCommand,
  eval: runEvalCommand,
  bench: runBenchCommand,
  crawl: runCrawlCommand,
  sources: runSourcesCommand,
  users: runUsersCommand,
  audit: runAuditCommand,
  retention: runRetentionCommand,
  help: async () => {
    process.stdout.write(`${USAGE[terminalLocale()]}\n`);
  },
};

/** Entry of bin/monitor.js. Known failures print one line naming the problem and its fix. */
export async function main(argv: string[]): Promise<void> {
  const [name = 'help', ...args] = argv;
  const locale = terminalLocale();
  // Own keys only: "constructor" or "__proto__" must be unknown commands, not Object's.
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`monitor: ${unknownCommand(name, locale)}\n${USAGE[locale]}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    await command(args);
  } catch (error) {
    process.stderr.write(`monitor: ${describeFailure(error, locale)}\n`);
    process.exitCode = 1;
  }
}
