import { loadConfig } from '../config/index.js';
import {
  ConfigError,
  ConflictError,
  NotFoundError,
  InvalidInputError,
  RuleSetError,
  SourceRejectedError,
  SourceUnavailableError,
  StartupError,
} from '../lib/errors.js';
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

const USAGE = `Usage: monitor <command>

Commands:
  start     API, console and workers in one process (embedded servers when none are configured)
  api       API and console only
  worker    job workers only (several may share one MongoDB and one Redis)
  classify --org <slug>
            classify JSONL {"id","text","lang"?} from stdin, one JSONL verdict per line on stdout
  check-group --org <slug>
            check unofficial groups from JSONL {"id","name","description","url"?,"links"?,"imagePaths"?} on stdin:
            label, official links and logo; one JSONL line of findings per group on stdout
  rules test [pack.yaml…]
            validate rule packs and run their inline examples (all packs by default)
  train [files…]
            train the statistical models on the dev data (../shared/data/eval-dev by default)
  eval [files…] [--all] [--write]
            precision, recall and F1 on labelled JSONL (all dev files and docs/quality.md by default)
  crawl --source <file.yaml> --dry-run [--limit N]
            fetch a source and print its posts as JSONL; writes nothing
  sources list | sources add <source.yaml> | sources run <source id>
            the crawler's sources with their last run; add or update one; crawl one now
            (saved as a crawl request that the workers queue within seconds)
  users add --email <e-mail> --role <role> --org <slug> [--name <name>] [--password-stdin]
  users token --email <e-mail> --name <token name>
  users disable --email <e-mail>
            console accounts (roles: reviewer, safeguarding_officer, admin, group_creator) and API tokens
  audit verify
            checks the audit log's hash chain and names the first tampered entry
  audit role
            prints the MongoDB createRole command for the app's user: the audit log insert and find only
  retention purge [--dry-run]
            deletes posts, captures, reports and flags closed longer than MONITOR_RETENTION_DAYS ago
            (open cases and legal holds are kept); workers also run it daily
  bench [classifier|crawler|ingest|api]
            classifier, crawler, ingest and API throughput ("bench classifier": the classifier only;
            "bench api": the flag-queue API only; "bench crawler": the crawler only; "bench ingest": crawl → store → classify → flag end to end)
  help      this text`;

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
    process.stdout.write(`${USAGE}\n`);
  },
};

/** Entry of bin/monitor.js. Known failures print one line naming the problem and its fix. */
export async function main(argv: string[]): Promise<void> {
  const [name = 'help', ...args] = argv;
  // Own keys only: "constructor" or "__proto__" must be unknown commands, not Object's.
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`monitor: unknown command "${name}"\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    await command(args);
  } catch (error) {
    process.stderr.write(`monitor: ${describeFailure(error)}\n`);
    process.exitCode = 1;
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof ConfigError) return `invalid configuration: ${error.issues.join('; ')}`;
  if (error instanceof StartupError || error instanceof InvalidInputError || error instanceof NotFoundError) return error.message;
  if (error instanceof ConflictError) return error.message;
  if (error instanceof SourceRejectedError) return `source refused: ${error.message}`;
  if (error instanceof SourceUnavailableError) return `source unavailable (try again later): ${error.message}`;
  if (error instanceof RuleSetError) return `invalid rule set: ${error.issues.join('; ')}`;
  return `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
