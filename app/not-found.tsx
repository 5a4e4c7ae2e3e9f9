import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

/** Any address the app does not know (and any notFound()): in our own frame, inside a main landmark. */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-sm space-y-3 text-center">
        <h1 className="text-xl font-semibold">This page does not exist</h1>
        <p className="text-sm text-slate-600">The address may be mistyped, or what it pointed to is gone.</p>
        <Link href="/" className="inline-block rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Go to the overview
        </Link>
      </div>
    </main>
  );
}
