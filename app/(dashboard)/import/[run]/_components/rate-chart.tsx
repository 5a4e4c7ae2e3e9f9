"use client";

import { Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { perMinute, ratePoints, type ImportProgress } from "@/lib/sync/import-progress";

const time = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/**
 * A small live chart of one service's requests per minute (per clock minute, or per limit window
 * when longer) against its limit. The numbers beside it say the same in words, for those who do
 * not see the chart.
 */
export function RateChart({
  service,
  progress,
  current,
}: {
  service: "halo" | "hudu";
  progress: ImportProgress;
  current: number;
}) {
  const limit = perMinute(progress.limits[service]);
  const points = ratePoints(progress.buckets, service, progress.limits[service]);
  // A line needs two points: the minute before the first request had none.
  const data = points.length === 1 ? [{ at: points[0].at - 60_000, perMinute: 0 }, ...points] : points;
  const name = service === "halo" ? "Halo" : "Hudu";
  const summary = `${name}: ${current} a minute${limit ? ` (${Math.round(limit)} allowed)` : ""}; ${progress.requests[service]} in all.`;
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3">
      <figcaption className="mb-1 flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{name} requests per minute</span>
        <span className="text-xs tabular-nums text-slate-600">{summary}</span>
      </figcaption>
      <div className="h-28" aria-hidden="true">
        {data.length > 1 ? (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <XAxis dataKey="at" tickFormatter={time} tick={{ fontSize: 10 }} minTickGap={40} />
              <YAxis width={36} tick={{ fontSize: 10 }} domain={[0, Math.max(limit ?? 0, ...data.map((d) => d.perMinute), 1)]} allowDecimals={false} />
              <Tooltip labelFormatter={(at) => time(Number(at))} formatter={(v) => [`${v} a minute`, name]} />
              {limit ? <ReferenceLine y={limit} stroke="#b45309" strokeDasharray="4 3" label={{ value: "limit", fontSize: 10, fill: "#b45309", position: "insideTopRight" }} /> : null}
              <Line type="monotone" dataKey="perMinute" stroke="#1f5fc4" strokeWidth={2} dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        ) : (
          <p className="pt-8 text-center text-xs text-slate-500">No request sent yet.</p>
        )}
      </div>
    </figure>
  );
}
