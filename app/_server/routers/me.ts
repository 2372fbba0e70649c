import * as z from "zod";
import { procedure, router, staffProcedure } from "../trpc";

/** The signed-in person (null: nobody), and the demo's accounts for the sign-in page. */
export const meRouter = router({
  get: procedure.query(async ({ ctx }) => ({
    user: ctx.user,
    /** The skills the person's queue is filtered by. */
    skills: ctx.user ? (await ctx.engine.staff.member(ctx.user.id)).skills : [],
    demo: ctx.user ? null : ctx.engine.demo,
  })),
  /** The language pages are shown in for this person (null: follow the browser). */
  setLanguage: staffProcedure
    .input(z.object({ language: z.enum(["en", "ru"]).nullable() }))
    .mutation(({ ctx, input }) => ctx.engine.signIn.setLanguage(ctx.user.id, input.language)),
});
