import { SettingsError, readSettings } from '../server/config.ts';
import { AppError } from '../shared/errors.ts';
import { UsageError, commands } from './commands.ts';

/** Runs one `dutydesk` command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    printHelp();
    return name === undefined ? 1 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    console.error(`dutydesk: unknown command "${name}"\n`);
    printHelp();
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`dutydesk ${command.name} ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(rest, readSettings());
  } catch (error) {
    if (
      error instanceof SettingsError ||
      error instanceof AppError ||
      error instanceof UsageError
    ) {
      console.error(`dutydesk ${command.name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

function printHelp(): void {
  console.log('Usage: dutydesk <command> [options]\n\nCommands:');
  for (const command of commands) console.log(`  ${command.name.padEnd(14)} ${command.summary}`);
  console.log(
    '\nSettings come from the environment, as for the server: DATABASE_URL, DUTYDESK_DATA_DIR, PORT, HOST, DUTYDESK_LOG_LEVEL, DUTYDESK_DEMO, DUTYDESK_DEMO_PASSWORD.\nRun "dutydesk <command> --help" for a command\'s options.',
  );
}
