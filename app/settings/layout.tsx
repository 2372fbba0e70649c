import type { ReactNode } from "react";
import { currentUser } from "@/app/_server/current-user";
import { SettingsTabs } from "@/app/_ui/nav-links";

/** Every settings page under its tabs (the pages this person may open). */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <>
      {user && <SettingsTabs role={user.role} />}
      {children}
    </>
  );
}
