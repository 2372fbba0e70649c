import { z } from "zod";
import { EngineInputError } from "../contracts/errors";
import type { PrismaClient } from "../store/prisma";

const skillList = z.array(z.string());
/** A stored JSON array of skill slugs (Operator.skills, Task.skills); anything else reads as none. */
export const parseSkills = (text: string): string[] => {
  try {
    return skillList.parse(JSON.parse(text));
  } catch {
    return [];
  }
};

export type StaffMember = { id: string; name: string; role: "operator" | "supervisor"; skills: string[] };

/** The skills a task asks for that this person lacks (none for supervisors, who take anything). */
export const missingSkills = (who: StaffMember, taskSkills: string[]) => (who.role === "supervisor" ? [] : taskSkills.filter((s) => !who.skills.includes(s)));

const toMember = (row: { id: string; name: string; role: string; skills: string }): StaffMember => ({
  id: row.id,
  name: row.name,
  role: row.role === "supervisor" ? "supervisor" : "operator",
  skills: parseSkills(row.skills),
});

/** Audiences a notification can be for that reach this person. */
const audiencesOf = (who: StaffMember) => (who.role === "supervisor" ? ["supervisors", "operators"] : ["operators", ...who.skills.map((s) => `skill:${s}`)]);

/** Operators and supervisors, and the internal notifications flows raise for them. */
export function createStaffService(prisma: PrismaClient) {
  async function member(id: string): Promise<StaffMember> {
    const row = await prisma.operator.findUnique({ where: { id } });
    if (!row) throw new EngineInputError(`operator ${id} not found`, "operatorId");
    return toMember(row);
  }

  return {
    member,

    async list(): Promise<StaffMember[]> {
      const rows = await prisma.operator.findMany({ orderBy: [{ role: "asc" }, { name: "asc" }] });
      return rows.map(toMember);
    },

    /** Unacknowledged notifications for this person, newest first (supervisors also see skill-specific ones). */
    async notifications(operatorId: string) {
      const who = await member(operatorId);
      const rows = await prisma.notification.findMany({
        where: { readAt: null, ...(who.role === "supervisor" ? {} : { audience: { in: audiencesOf(who) } }) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 50,
      });
      return rows.map((n) => ({ id: n.id, audience: n.audience, level: n.level, title: n.title, body: n.body, customerId: n.customerId, instanceId: n.instanceId, createdAt: n.createdAt }));
    },

    /** Someone it was meant for has seen it: it leaves everyone's list. */
    async acknowledge(notificationId: string, operatorId: string) {
      const who = await member(operatorId);
      const row = await prisma.notification.findUnique({ where: { id: notificationId } });
      if (!row) throw new EngineInputError(`notification ${notificationId} not found`, "notificationId");
      if (who.role !== "supervisor" && !audiencesOf(who).includes(row.audience)) throw new EngineInputError("this notification is not for you", "notificationId");
      await prisma.notification.update({ where: { id: notificationId }, data: { readAt: new Date() } });
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
