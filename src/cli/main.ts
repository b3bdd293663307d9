import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CliIo, Command } from './command';
import { coversCommand } from './commands/covers';
import { failedCommand } from './commands/failed';
import { importCommand } from './commands/import';
import { migrateCommand } from './commands/migrate';
import { relocateCommand } from './commands/relocate';
import { searchCommand } from './commands/search';
import { statsCommand } from './commands/stats';
import { watchCommand } from './commands/watch';
import { CliError, debugDetails, describeFailure, EXIT } from './errors';
import { renderTable } from './table';

const commands: readonly Command[] = [importCommand, watchCommand, coversCommand, searchCommand, failedCommand, statsCommand, migrateCommand, relocateCommand];

const HELP = `longbox: import a folder of comic archives into a SQLite database, and keep it in step

Usage: longbox <command> [options]

Commands:
${renderTable(
  commands.map((command) => [command.synopsis, command.summary]),
  { indent: '  ' },
)}

Run \`longbox <command> --help\` for a command's options.
Exit status: 0 ok, 1 some files failed to import, 2 usage or fatal error, 130 interrupted.`;

/**
 * Runs one `longbox` command line and resolves to its exit status. Every failure ends here as
 * one line on stderr (`longbox: ...`); LONGBOX_DEBUG=1 adds the stack trace.
 */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    const failure = describeFailure(error);
    io.stderr.write(`longbox: ${failure.message}\n`);
    if (io.debug) io.stderr.write(`${debugDetails(error)}\n`);
    return failure.exitCode;
  }
}

async function dispatch([name, ...rest]: readonly string[], io: CliIo): Promise<number> {
  if (name === undefined) {
    io.stderr.write(`${HELP}\n`);
    return EXIT.fatal;
  }
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    io.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (name === 'help') {
    io.stdout.write(`${findCommand(rest[0]!).help}\n`);
    return EXIT.ok;
  }
  const command = findCommand(name);
  const { values, positionals } = parseArgs({
    args: [...rest],
    options: { ...command.options, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help === true) {
    io.stdout.write(`${command.help}\n`);
    return EXIT.ok;
  }
  return command.run({ values, positionals }, io);
}

function findCommand(name: string): Command {
  const command = commands.find((candidate) => candidate.name === name);
  if (command) return command;
  const known = commands.map((candidate) => candidate.name).join(', ');
  throw new CliError(`unknown command "${name}"; the commands are ${known} (see longbox --help)`);
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, debug: process.env.LONGBOX_DEBUG === '1' };
}
