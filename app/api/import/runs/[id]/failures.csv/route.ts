import { stringify } from "csv-stringify/sync";
import { getDb } from "@/db";
import { getJobRun } from "@/db/queries/job-runs";
import { routeUser } from "@/lib/auth/session";
import { listFailedRecords } from "@/lib/sync/import-report";
import { parseRunId } from "@/lib/sync/run-id";

export const dynamic = "force-dynamic";

/** The run's failed records as a CSV file (csv-stringify does the quoting). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await routeUser("viewer");
  if (user instanceof Response) return user;
  const db = getDb();
  const id = parseRunId((await params).id);
  const run = id === null ? undefined : getJobRun({ db, id });
  if (!run || run.kind !== "import") return Response.json({ error: "There is no such import run." }, { status: 404 });
  const rows = listFailedRecords({ db, runId: run.id }).map((f) => [f.type, f.name, f.companyName, f.haloId, f.message, f.haloUrl ?? "", f.huduCompanyUrl ?? ""]);
  const csv = stringify(rows, {
    header: true,
    columns: ["Type", "Name", "Company", "Halo id", "Message", "Halo record", "Hudu company"],
    // Cells starting with = + - @ are formulas to a spreadsheet; a leading quote keeps them text.
    cast: { string: (value) => (/^[=+\-@]/.test(value) ? `'${value}` : value) },
  });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="import-${run.id}-failures.csv"`,
    },
  });
}
