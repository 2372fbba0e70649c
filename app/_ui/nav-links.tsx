"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { allows, pageAccess, type Role } from "@/engine/contracts/access";

type NavLabel = "flows" | "workspace" | "chat" | "sandbox" | "customers" | "channels" | "credentials" | "apiKeys" | "privacy" | "audit";
const nav: { href: string; label: NavLabel; testId: string }[] = [
  { href: "/", label: "flows", testId: "flows" },
  { href: "/workspace", label: "workspace", testId: "workspace" },
  { href: "/chat", label: "chat", testId: "chat" },
  { href: "/sandbox", label: "sandbox", testId: "sandbox" },
  { href: "/customers", label: "customers", testId: "customers" },
  { href: "/settings/channels", label: "channels", testId: "channels" },
  { href: "/settings/credentials", label: "credentials", testId: "credentials" },
  { href: "/settings/api-keys", label: "apiKeys", testId: "api-keys" },
  { href: "/settings/privacy", label: "privacy", testId: "privacy" },
  { href: "/audit", label: "audit", testId: "audit" },
];

/** Flows owns every /flows/… and /instances/… page, so the editor and viewers keep it highlighted. */
function isActive(href: string, pathname: string): boolean {
  if (href === "/") return pathname === "/" || pathname.startsWith("/flows") || pathname.startsWith("/instances");
  return pathname.startsWith(href);
}

/** The sections this role may open (the same policy table the server enforces). */
export function NavLinks({ role }: { role: Role }) {
  const t = useTranslations("header.nav");
  const pathname = usePathname();
  return (
    // One line per link; a narrow window scrolls the links rather than breaking them in two.
    <nav className="flex h-full min-w-0 gap-4 overflow-x-auto text-sm whitespace-nowrap">
      {nav
        // The flows list lives at the front door "/", which is open to all: it is guarded as /flows.
        .filter((item) => allows(pageAccess(item.href === "/" ? "/flows" : item.href), role))
        .map((item) => {
          const active = isActive(item.href, pathname);
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
