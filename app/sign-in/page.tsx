import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("metaTitle") };
}

/** E-mail and password; in the demo, its accounts (one per role) are listed under the form. */
export function SignInPage() {
  return (
    <div className="mx-auto max-w-md px-4 py-12">
      <SignInForm />
    </div>
  );
}

export default SignInPage;
