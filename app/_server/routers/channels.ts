import { channelModeSchema, configureChannelSchema, testSendSchema } from "@/engine/contracts/channel-setup";
import { procedure, router } from "../trpc";

/** Settings → Channels: each channel live, sandboxed or off; secrets go in and never come back out. */
export const channelsRouter = router({
  list: procedure.query(({ ctx }) => ctx.engine.channels.list()),
  configure: procedure.input(configureChannelSchema).mutation(({ ctx, input }) => ctx.engine.channels.configure(input)),
  setMode: procedure.input(channelModeSchema).mutation(({ ctx, input }) => ctx.engine.channels.setMode(input.channel, input.mode)),
  testSend: procedure.input(testSendSchema).mutation(({ ctx, input }) => ctx.engine.channels.testSend(input)),
});
