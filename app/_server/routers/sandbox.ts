import { sandboxThreadSchema, sandboxWriteSchema } from "@/engine/contracts/channel-setup";
import { procedure, router } from "../trpc";

/** The sandbox: write as a customer on a sandboxed channel and read what reached them (nothing leaves the machine). */
export const sandboxRouter = router({
  channels: procedure.query(({ ctx }) =>
    ctx.engine.channels
      .list()
      .filter((c) => c.mode === "sandbox")
      .map((c) => c.channel),
  ),
  /** Channels a published flow answers a customer's first message on: the page says where nothing will. */
  answered: procedure.query(({ ctx }) => ctx.engine.answeredChannels()),
  write: procedure.input(sandboxWriteSchema).mutation(async ({ ctx, input }) => {
    await ctx.engine.sandbox.write(input.channel, { address: input.address, name: input.name || undefined }, input.text);
    return { ok: true };
  }),
  thread: procedure.input(sandboxThreadSchema).query(({ ctx, input }) => ctx.engine.sandbox.thread(input.channel, input.address)),
});
