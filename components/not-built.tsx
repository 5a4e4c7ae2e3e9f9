/** What a page that is not built yet shows: plainly that, and what it will do. */
export function NotBuilt({ title, what }: { title: string; what: string }) {
  return (
    <section className="space-y-3">
      <h1 className="text-xl font-semibold">{title}</h1>
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6">
        <p className="font-medium">Not built yet.</p>
        <p className="mt-1 text-sm text-slate-600">{what}</p>
      </div>
    </section>
  );
}
