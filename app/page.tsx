import { redirect } from "next/navigation";
import { allows, HOME, pageAccess } from "@/engine/contracts/access";
import { FlowsPage } from "./_components/flows-page";
import { currentUser } from "./_server/current-user";
import { SignInPage } from "./sign-in/page";

/**
 * The front door: someone not signed in gets the sign-in form here; a person lands on their role's
 * home (the flows list for those who may see flows, the workspace for operators and supervisors).
 */
export default async function Home() {
  const user = await currentUser();
  if (!user) return <SignInPage />;
  if (!allows(pageAccess("/flows"), user.role)) redirect(HOME[user.role]);
  return <FlowsPage />;
}
