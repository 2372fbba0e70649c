import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentUser } from "@/app/_server/current-user";
import { localeCookie, pickLocale } from "./locales";

/**
 * next-intl's per-request configuration, without locale routing: URLs carry no language. The
 * locale is the signed-in person's setting, else the `locale` cookie, else the Accept-Language
 * header, else English.
 */
export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const user = await currentUser();
  const locale = pickLocale(user?.language ?? cookieStore.get(localeCookie)?.value, headerList.get("accept-language"));
  const messages = (await import(`./messages/${locale}.json`)).default;
  return { locale, messages };
});
