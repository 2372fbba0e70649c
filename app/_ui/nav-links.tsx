"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { allows, pageAccess, type Role } from "@/engine/contracts/access";

type NavLabel = "flows" | "workspace" | "chat" | "sandbox" | "customers" | "settings" | "channels" | "credentials" | "apiKeys" | "privacy" | "audit";
type NavItem = { href: string; label: NavLabel; testId: string };

/** The settings pages, under one Settings link (ten links in a row did not fit a laptop's width in Russian); their tabs on each. */
const settings: NavItem[] = [
  { href: "/settings/channels", label: "channels", testId: "channels" },
  { href: "/settings/credentials", label: "credentials", testId: "credentials" },
  { href: "/settings/api-keys", label: "apiKeys", testId: "api-keys" },
  { href: "/settings/privacy", label: "privacy", testId: "privacy" },
];

/** The sections this role may open (the same policy table the server enforces); the flows list at "/" is guarded as /flows. */
const mayOpen = (role: Role) => (item: NavItem) => allows(pageAccess(item.href === "/" ? "/flows" : item.href), role);

function sections(role: Role): NavItem[] {
  const firstSetting = settings.find(mayOpen(role));
  const items: NavItem[] = [
    { href: "/", label: "flows", testId: "flows" },
    { href: "/workspace", label: "workspace", testId: "workspace" },
    { href: "/chat", label: "chat", testId: "chat" },
    { href: "/sandbox", label: "sandbox", testId: "sandbox" },
    { href: "/customers", label: "customers", testId: "customers" },
    ...(firstSetting ? [{ href: firstSetting.href, label: "settings" as const, testId: "settings" }] : []),
    { href: "/audit", label: "audit", testId: "audit" },
  ];
  return items.filter(mayOpen(role));
}

/** Flows owns every /flows/… and /instances/… page, so the editor and viewers keep it highlighted; Settings every /settings/… page. */
function isActive(item: NavItem, pathname: string): boolean {
  if (item.href === "/") return pathname === "/" || pathname.startsWith("/flows") || pathname.startsWith("/instances");
  if (item.label === "settings") return pathname.startsWith("/settings");
  return pathname.startsWith(item.href);
}

function Links({ items, label }: { items: NavItem[]; label: string }) {
  const t = useTranslations("header.nav");
  const pathname = usePathname();
  return (
    // One line per link; a narrow window scrolls the links rather than breaking them in two.
    <nav aria-label={label} className="flex h-full min-w-0 gap-4 overflow-x-auto text-sm whitespace-nowrap">
      {items.map((item) => {
        const active = isActive(item, pathname);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center border-b-2 ${active ? "border-indigo-600 font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            data-testid={`nav-${item.testId}`}
          >
            {t(item.label)}
          </Link>
        );
      })}
    </nav>
  );
}

/** The header's sections for this role. */
export function NavLinks({ role }: { role: Role }) {
  const t = useTranslations("header.nav");
  return <Links items={sections(role)} label={t("sections")} />;
}

/** The settings pages this role may open, as tabs above each of them. */
export function SettingsTabs({ role }: { role: Role }) {
  const t = useTranslations("header.nav");
  return (
    <div className="flex h-10 items-stretch border-b border-slate-200 bg-white px-4" data-testid="settings-tabs">
      <Links items={settings.filter(mayOpen(role))} label={t("settings")} />
    </div>
  );
}
