import * as z from "zod";
import { isRole, type Role } from "../contracts/access";
import { inputError } from "../contracts/errors";
import type { StaffRepository } from "../store/staff";

const skillList = z.array(z.string());
/** A stored JSON array of skill slugs (Operator.skills, Task.skills); anything else reads as none. */
export const parseSkills = (text: string): string[] => {
  try {
    return skillList.parse(JSON.parse(text));
  } catch {
    return [];
  }
};

export type StaffMember = { id: string; name: string; role: Role; skills: string[] };

/** Supervisors and admins take any task and see every queue; operators take the tasks whose skills they all have. */
export const takesAnyTask = (who: StaffMember) => who.role === "supervisor" || who.role === "admin";

const toMember = (row: { id: string; name: string; role: string; skills: string }): StaffMember => ({
  id: row.id,
  name: row.name,
  role: isRole(row.role) ? row.role : "operator",
  skills: parseSkills(row.skills),
});

/** Audiences a notification can be for that reach this person (null: every audience). */
const audiencesOf = (who: StaffMember) => (takesAnyTask(who) ? null : ["operators", ...who.skills.map((s) => `skill:${s}`)]);

/** Operators and supervisors, and the internal notifications flows raise for them. */
export function createStaff(staff: StaffRepository, clock: () => number) {
  async function member(id: string): Promise<StaffMember> {
    const row = await staff.member(id);
    if (!row) throw inputError("operator.not-found", { operatorId: id }, "operatorId");
    return toMember(row);
  }

  return {
    member,

    async list(): Promise<StaffMember[]> {
      return (await staff.list()).map(toMember);
    },

    /** Which of these members exist and can sign in with a password. */
    withPassword: (ids: readonly string[]) => staff.withPassword(ids),

    /** Adds a member unless one with this id exists (a member already there is left as they are). */
    ensure(m: StaffMember & { email: string }): Promise<void> {
      return staff.ensure({ ...m, skills: JSON.stringify(m.skills) });
    },

    /** Unacknowledged notifications for this person, newest first (supervisors also see skill-specific ones). */
    async notifications(operatorId: string) {
      const rows = await staff.unreadNotifications(audiencesOf(await member(operatorId)), 50);
      return rows.map((n) => ({
        id: n.id,
        audience: n.audience,
        level: n.level,
        title: n.title,
        body: n.body,
        customerId: n.customerId,
        instanceId: n.instanceId,
        createdAt: n.createdAt,
      }));
    },

    /** Someone it was meant for has seen it: it leaves everyone's list. */
    async acknowledge(notificationId: string, operatorId: string) {
      const who = await member(operatorId);
      const row = await staff.notification(notificationId);
      if (!row) throw inputError("notification.not-found", { notificationId }, "notificationId");
      const audiences = audiencesOf(who);
      if (audiences && !audiences.includes(row.audience)) throw inputError("notification.not-yours", {}, "notificationId");
      await staff.markRead(notificationId, clock());
    },
  };
}

export type Staff = ReturnType<typeof createStaff>;
