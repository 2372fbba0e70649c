import type { GroupCommit } from "../runtime/group-commit";
import type { CommandArg, CommandName, CommandResult, Writer, WriterCommands } from "./commands";

/**
 * The writer on this thread: each command in this thread's group commit (tests with a fake clock,
 * `npm run dev`, scripts). Its caches are the engine's own, so there is nothing to tell it.
 */
export function createInlineWriter(commands: WriterCommands, commits: GroupCommit): Writer {
  return {
    run<K extends CommandName>(name: K, arg: CommandArg<K>): Promise<CommandResult<K>> {
      const command = commands[name] as (arg: CommandArg<K>) => CommandResult<K>;
      return commits.submit(() => command(arg));
    },
    versionsChanged: () => {},
    erased: () => {},
    where: () => "inline",
    close: async () => {},
  };
}
