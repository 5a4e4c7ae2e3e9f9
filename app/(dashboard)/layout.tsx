import Link from "next/link";
import type { ReactNode } from "react";
import { Nav } from "@/components/nav";
import { SignOutButton } from "@/components/sign-out-button";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      {/* First stop for the keyboard: past the navigation, straight to the page. */}
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-brand-700 focus:shadow-lg focus:ring-2 focus:ring-brand-500"
      >
        Skip to the page
      </a>
      {/* The demo notice sits in the header (the banner landmark): nothing on the page is outside a landmark. */}
      <header className="border-b border-slate-200 bg-white">
        {env().SIMULATOR_MODE ? (
          <p className="bg-amber-100 px-4 py-1.5 text-center text-sm text-amber-900">
            Demo mode: this dashboard is talking to the built-in Halo and Hudu simulators, not to real services.
          </p>
        ) : null}
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex flex-wrap items-center gap-4">
            <Link href="/" className="text-base font-semibold tracking-tight">
              Halo → Hudu Sync
            </Link>
            <Nav />
          </div>
          <div className="flex items-center gap-2 text-sm text-slate-600">
            <span>
              {user.email} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{user.role}</span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      {/* tabIndex -1: the skip link moves focus here, so the next Tab is the page's first control. */}
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 outline-none">
        {children}
      </main>
    </div>
  );
}
