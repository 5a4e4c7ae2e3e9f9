import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SyncError } from "@/lib/errors";
import type { HttpEvent } from "./events";
import { FixedWindowLimiter, RollingWindowLimiter } from "./rate-limiter";
import { describeRefusal, HttpClient } from "./request";
import { buildUrl } from "./url";

/**
 * The request layer against a tiny real HTTP server whose next answers a test scripts.
 * (The Halo and Hudu clients are tested against the simulators; this covers the layer alone.)
 */
type Script = (req: IncomingMessage, res: ServerResponse) => void;
let queue: Script[] = [];
const hits: Array<{ method: string; at: number }> = [];
let base = "";
const server = createServer((req, res) => {
  hits.push({ method: req.method ?? "", at: Date.now() });
  req.resume();
  const next = queue.shift();
  if (next) next(req, res);
  else res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(events: HttpEvent[] = [], overrides: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  queue = [];
  hits.length = 0;
  return new HttpClient({
    service: "hudu",
    limiter: new RollingWindowLimiter({ limit: 100, windowMs: 1000, marginMs: 0 }),
    retry: { baseDelayMs: 20, maxDelayMs: 100 },
    timeoutMs: 2000,
    onEvent: (e) => events.push(e),
    ...overrides,
  });
}
const status = (code: number, body = "", headers: Record<string, string> = {}): Script => (_req, res) => res.writeHead(code, headers).end(body);
const drop: Script = (req) => req.socket.destroy();

describe("HttpClient", () => {
  it("does not abandon a create already sent when the caller aborts (a pause): its answer says whether it landed", async () => {
    const http = client();
    const slowCreated: Script = (_req, res) => setTimeout(() => res.writeHead(201, { "content-type": "application/json" }).end('{"id":7}'), 150);
    queue.push(slowCreated, slowCreated);
    const controller = new AbortController();
    const create = http.send({ method: "POST", url: buildUrl(base, "x"), json: {}, signal: controller.signal, operation: "create x" });
    setTimeout(() => controller.abort(), 30);
    expect((await create).json).toEqual({ id: 7 });

    // A read in flight is abandoned at once: nothing depends on its answer.
    const again = new AbortController();
    const read = http.send({ method: "GET", url: buildUrl(base, "x"), signal: again.signal, operation: "read x" });
    setTimeout(() => again.abort(), 30);
    await expect(read).rejects.toMatchObject({ code: "aborted" });
  });

  it("retries 5xx and dropped connections on idempotent requests, with backoff events", async () => {
    const events: HttpEvent[] = [];
    const http = client(events);
    queue.push(status(503), drop, status(502));
    const res = await http.send({ method: "GET", url: buildUrl(base, "x"), operation: "read x" });
    expect(res.json).toEqual({ ok: true });
    expect(hits).toHaveLength(4);
    const retries = events.filter((e) => e.type === "retry");
    expect(retries.map((e) => e.type === "retry" && e.attempt)).toEqual([1, 2, 3]);
    expect(retries[0].message).toMatch(/^Hudu answered 503 \(read x\); trying again in .+ \(attempt 2 of 4\)\.$/);
  });

  it("gives up after maxAttempts with a server_error", async () => {
    const http = client([], { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 } });
    queue.push(status(500), status(500), status(500));
    const error = await http.send({ method: "GET", url: buildUrl(base, "x"), operation: "read x" }).catch((e) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect(error.code).toBe("server_error");
    expect(hits).toHaveLength(2);
  });

  it("does not retry a POST after a 5xx or a dropped connection (it may have landed)", async () => {
    const http = client();
    queue.push(status(500));
    await expect(http.send({ method: "POST", url: buildUrl(base, "x"), json: {}, operation: "create x" })).rejects.toMatchObject({ code: "server_error" });
    queue.push(drop);
    await expect(http.send({ method: "POST", url: buildUrl(base, "x"), json: {}, operation: "create x" })).rejects.toMatchObject({ code: "unreachable" });
    expect(hits).toHaveLength(2);
  });

  it("never retries other 4xx and maps them to typed errors", async () => {
    const http = client();
    queue.push(status(404), status(403), status(422, '{"error":"Invalid custom fields","details":["Invalid field names: foo"]}', { "content-type": "application/json" }));
    await expect(http.send({ method: "GET", url: buildUrl(base, "a"), operation: "read a" })).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(http.send({ method: "GET", url: buildUrl(base, "b"), operation: "read b" })).rejects.toMatchObject({ code: "forbidden" });
    const error = await http.send({ method: "PUT", url: buildUrl(base, "c"), json: {}, operation: "update asset 3" }).catch((e) => e);
    expect(error).toMatchObject({ code: "validation", status: 422, details: ["Invalid field names: foo"] });
    expect(error.userMessage).toBe("Hudu refused to update asset 3: Invalid custom fields: Invalid field names: foo");
    expect(hits).toHaveLength(3);
  });

  it("waits as Retry-After says (seconds or HTTP date) and does not count 429s as attempts", async () => {
    const events: HttpEvent[] = [];
    const http = client(events, { retry: { maxAttempts: 1 } });
    queue.push(status(429, "Retry later", { "retry-after": "1" }));
    const started = Date.now();
    await http.send({ method: "POST", url: buildUrl(base, "x"), json: {}, operation: "create x" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(hits).toHaveLength(2);
    expect(hits[1].at - hits[0].at).toBeGreaterThanOrEqual(950);
    const wait = events.find((e) => e.type === "wait");
    expect(wait).toMatchObject({ reason: "rate_limited" });
    expect(wait?.message).toMatch(/^Waiting 1(\.0)? s: Hudu asked us to slow down/);

    queue.push(status(429, "", { "retry-after": new Date(Date.now() + 1500).toUTCString() }));
    const t0 = Date.now();
    await http.send({ method: "GET", url: buildUrl(base, "y"), operation: "read y" });
    // HTTP dates have whole-second resolution: at least half a second, at most 1.5 s.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(450);
  });

  it("without Retry-After waits for a fixed window's next boundary", async () => {
    const limiter = new FixedWindowLimiter({ limit: 100, windowMs: 1000, marginMs: 20 });
    const http = client([], { limiter });
    queue.push(status(429, "Retry later", { "content-type": "text/plain" }));
    await http.send({ method: "GET", url: buildUrl(base, "x"), operation: "read x" });
    expect(hits).toHaveLength(2);
    // The retry lands in the next wall-clock second (plus the margin).
    expect(Math.floor(hits[1].at / 1000)).toBeGreaterThan(Math.floor(hits[0].at / 1000));
  });

  it("gives up with rate_limited when the server keeps refusing", async () => {
    const http = client([], { retry: { maxRateLimitWaits: 2 } });
    queue.push(...Array.from({ length: 3 }, () => status(429, "", { "retry-after": "0" })));
    await expect(http.send({ method: "GET", url: buildUrl(base, "x"), operation: "read x" })).rejects.toMatchObject({ code: "rate_limited" });
    expect(hits).toHaveLength(3);
  });

  it("times out, retries, and reports a timeout in plain words", async () => {
    const http = client([], { timeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 } });
    const hang: Script = () => undefined;
    queue.push(hang, hang);
    const error = await http.send({ method: "GET", url: buildUrl(base, "slow"), operation: "list companies" }).catch((e) => e);
    expect(error).toMatchObject({ code: "timeout" });
    expect(error.userMessage).toMatch(/^Hudu did not answer within 0\.\d s \(list companies\)\. Check that 127.0.0.1:\d+ is online/);
    expect(hits).toHaveLength(2);
  });

  it("reports an unreachable server without leaking the API key", async () => {
    const http = client([], { retry: { maxAttempts: 1 }, secrets: () => ["sekrit-key-123"] });
    const error = await http
      .send({ method: "GET", url: new URL("http://127.0.0.1:1/x"), headers: { "x-api-key": "sekrit-key-123" }, operation: "read x" })
      .catch((e) => e);
    expect(error).toMatchObject({ code: "unreachable" });
    expect(error.userMessage).toMatch(/Could not reach Hudu at 127.0.0.1:1/);
    expect(JSON.stringify(error.toJSON()) + error.detail).not.toContain("sekrit");
  });

  it("stops at once when the caller aborts", async () => {
    const http = client();
    queue.push(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(http.send({ method: "GET", url: buildUrl(base, "x"), operation: "read x", signal: controller.signal })).rejects.toMatchObject({ code: "aborted" });
  });
});

describe("describeRefusal", () => {
  it("reads Hudu's and Rails' refusal shapes", () => {
    expect(describeRefusal({ error: "Invalid custom fields", details: ["Invalid field names: x"] }, "")).toEqual({ message: "Invalid custom fields", details: ["Invalid field names: x"] });
    expect(describeRefusal({ errors: { name: ["has already been taken"] } }, "")).toEqual({ message: "", details: ["name has already been taken"] });
    expect(describeRefusal(undefined, "<h1>Unprocessable</h1>")).toEqual({ message: "Unprocessable", details: [] });
  });
});

describe("buildUrl", () => {
  it("never produces // and skips undefined query values", () => {
    expect(buildUrl("https://h.example/api/", "/Client", { a: 1, b: undefined, c: true }).toString()).toBe("https://h.example/api/Client?a=1&c=true");
    expect(buildUrl("https://h.example", "api/v1/companies").toString()).toBe("https://h.example/api/v1/companies");
  });
});
