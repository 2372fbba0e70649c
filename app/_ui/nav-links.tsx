"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";

const nav: { href: string; label: "flows" | "workspace" | "chat" | "customers" | "privacy" }[] = [
  { href: "/", label: "flows" },
  { href: "/workspace", label: "workspace" },
  { href: "/chat", label: "chat" },
  { href: "/customers", label: "customers" },
  { href: "/settings/privacy", label: "privacy" },
];

/** Flows owns every /flows/… and /instances/… page, so the editor and viewers keep it highlighted. */
function isActive(href: string, pathname: string): boolean {
  if (href === "/") return pathname === "/" || pathname.startsWith("/flows") || pathname.startsWith("/instances");
  return pathname.startsWith(href);
}

export function NavLinks() {
  const t = useTranslations("header.nav");
  const pathname = usePathname();
  return (
    <nav className="flex h-full gap-5 text-sm">
      {nav.map((item) => {
        const active = isActive(item.href, pathname);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center border-b-2 ${active ? "border-indigo-600 font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            data-testid={`nav-${item.label}`}
          >
            {t(item.label)}
          </Link>
        );
      })}
    </nav>
  );
}
