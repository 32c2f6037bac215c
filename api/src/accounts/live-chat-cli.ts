import 'reflect-metadata';
import { loadConfig, type Config } from '../config/config';
import { openDatabase } from '../db/database';
import { UserErrorsException } from '../errors/user-error';
import { AccountService } from './account.service';

const USAGE = 'usage: npm run account:live-chat -- <accountId> on|off';

/**
 * The platform operator's switch: `npm run account:live-chat -- <accountId> on|off`.
 * Takes the account's global ID (as the API shows it) or its UUID. Returns the exit code.
 */
export async function runLiveChatCommand(args: string[], config: Config, out: (line: string) => void = console.log): Promise<number> {
  const [accountId, state] = args;
  if (!accountId || (state !== 'on' && state !== 'off')) {
    out(USAGE);
    return 2;
  }
  const database = await openDatabase(config);
  try {
    const { account } = await new AccountService(config).setLiveChatEnabled(database.orm.em.fork(), accountId, state === 'on');
    out(`Live chat is now ${account.liveChatEnabled ? 'ON' : 'OFF'} for account "${account.name}" (${account.nodeId}).`);
    return 0;
  } catch (error) {
    if (error instanceof UserErrorsException) {
      out(error.errors.map((e) => e.message).join('\n'));
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  runLiveChatCommand(process.argv.slice(2), loadConfig()).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
