"use client";

import { Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { perMinute, RATE_BUCKET_MS, type ImportProgress } from "@/lib/sync/import-progress";

const BUCKETS_PER_MINUTE = 60_000 / RATE_BUCKET_MS;

/** Requests per minute (over the minute before each point) for one service, from the run's buckets. */
function series(buckets: ImportProgress["buckets"], index: 1 | 2, now: number) {
  if (buckets.length === 0) return [];
  const first = buckets[0][0];
  const last = Math.max(buckets.at(-1)![0], Math.floor(now / RATE_BUCKET_MS) * RATE_BUCKET_MS);
  const counts = new Map(buckets.map((b) => [b[0], b[index]]));
  const points: Array<{ at: number; perMinute: number }> = [];
  const window: number[] = [];
  for (let at = first; at <= last; at += RATE_BUCKET_MS) {
    window.push(counts.get(at) ?? 0);
    if (window.length > BUCKETS_PER_MINUTE) window.shift();
    points.push({ at, perMinute: window.reduce((a, b) => a + b, 0) });
  }
  return points.slice(-60);
}

const time = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/**
 * A small live chart of one service's requests per minute against its limit. The numbers beside
 * it say the same in words, for those who do not see the chart.
 */
export function RateChart({
  service,
  progress,
  current,
  now,
}: {
  service: "halo" | "hudu";
  progress: ImportProgress;
  current: number;
  now: number;
}) {
  const limit = perMinute(progress.limits[service]);
  const data = series(progress.buckets, service === "halo" ? 1 : 2, now);
  const name = service === "halo" ? "Halo" : "Hudu";
  const summary = `${name}: ${current} requests a minute now${limit ? ` of ${Math.round(limit)} allowed` : ""}; ${progress.requests[service]} in all.`;
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3">
      <figcaption className="mb-1 flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{name} requests per minute</span>
        <span className="text-xs tabular-nums text-slate-600">{summary}</span>
      </figcaption>
      <div className="h-28" aria-hidden="true">
        {data.length > 1 ? (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <XAxis dataKey="at" tickFormatter={time} tick={{ fontSize: 10 }} minTickGap={40} />
              <YAxis width={36} tick={{ fontSize: 10 }} domain={[0, Math.max(limit ?? 0, ...data.map((d) => d.perMinute), 1)]} allowDecimals={false} />
              <Tooltip labelFormatter={(at) => time(Number(at))} formatter={(v) => [`${v} a minute`, name]} />
              {limit ? <ReferenceLine y={limit} stroke="#b45309" strokeDasharray="4 3" label={{ value: "limit", fontSize: 10, fill: "#b45309", position: "insideTopRight" }} /> : null}
              <Line type="monotone" dataKey="perMinute" stroke="#1f5fc4" strokeWidth={2} dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        ) : (
          <p className="pt-8 text-center text-xs text-slate-500">No requests counted yet.</p>
        )}
      </div>
    </figure>
  );
}
