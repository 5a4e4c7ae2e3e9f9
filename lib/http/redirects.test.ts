import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { SyncError } from "@/lib/errors";
import { RollingWindowLimiter } from "./rate-limiter";
import { redirectAllowed } from "./redirects";
import { HttpClient } from "./request";
import { buildUrl } from "./url";

/**
 * Redirects between real local HTTP servers: a credential may follow a redirect on the same
 * server (or from http to https on the same host), never to another one.
 */
interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const servers: Array<Server | TcpServer> = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    if ("closeAllConnections" in s) s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

/** A server that answers each path with the given status and Location, recording every request. */
async function startServer(routes: Record<string, { status: number; location?: string }> = {}) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      const route = routes[req.url?.split("?")[0] ?? ""];
      if (route) res.writeHead(route.status, route.location ? { location: route.location } : {}).end("moved");
      else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ path: req.url }));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { seen, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function client() {
  return new HttpClient({
    service: "hudu",
    limiter: new RollingWindowLimiter({ limit: 100, windowMs: 1000, marginMs: 0 }),
    retry: { maxAttempts: 1 },
    timeoutMs: 3000,
  });
}

const apiKey = { "x-api-key": "secret-api-key-1234" };

describe("redirects", () => {
  it("follows a redirect on the same server, credentials and all", async () => {
    const api = await startServer({ "/old": { status: 301, location: "/new" }, "/loop": { status: 302, location: "/old" } });
    const res = await client().send({ method: "GET", url: buildUrl(api.origin, "loop"), headers: apiKey, operation: "read" });
    expect(res.json).toEqual({ path: "/new" });
    expect(api.seen.map((s) => s.path)).toEqual(["/loop", "/old", "/new"]);
    expect(api.seen.at(-1)?.headers["x-api-key"]).toBe("secret-api-key-1234");
  });

  it("keeps a POST's body through a 307 on the same server, and turns a 303 into a GET without it", async () => {
    const auth = await startServer({ "/token": { status: 307, location: "/auth/token" }, "/create": { status: 303, location: "/created" } });
    const form = new URLSearchParams({ grant_type: "client_credentials", client_secret: "the-secret" });
    await client().send({ method: "POST", url: buildUrl(auth.origin, "token"), form, operation: "get a token" });
    expect(auth.seen[1]).toMatchObject({ method: "POST", path: "/auth/token", body: form.toString() });
    await client().send({ method: "POST", url: buildUrl(auth.origin, "create"), json: { name: "Acme" }, operation: "create" });
    expect(auth.seen[3]).toMatchObject({ method: "GET", path: "/created", body: "" });
    expect(auth.seen[3].headers["content-type"]).toBeUndefined();
  });

  it("stops at a redirect to another server, names it, and sends that server nothing", async () => {
    const elsewhere = await startServer();
    const api = await startServer({ "/api/v1/companies": { status: 302, location: `${elsewhere.origin}/collect?key=1` } });
    const error = await client()
      .send({ method: "GET", url: buildUrl(api.origin, "api/v1/companies"), headers: apiKey, operation: "list companies" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).code).toBe("invalid_config");
    expect((error as SyncError).userMessage).toBe(
      `Hudu at ${new URL(api.origin).host} answered with a redirect to ${elsewhere.origin}/collect (list companies), which is another server. Credentials are never sent on to another server: if that is Hudu's real address, save it as the Hudu address in the settings.`,
    );
    expect(elsewhere.seen).toEqual([]);
    expect(api.seen).toHaveLength(1);
  });

  it("follows http to https on the same host (the credentials then travel encrypted)", async () => {
    // A bare TCP listener stands in for the https server: it records the TLS hello it is sent.
    const firstBytes: number[] = [];
    const tls = createTcpServer((socket) => socket.once("data", (data: Buffer) => (firstBytes.push(data[0]), socket.destroy())));
    servers.push(tls);
    await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
    const httpsUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/api/v1/companies`;
    const api = await startServer({ "/api/v1/companies": { status: 301, location: httpsUrl } });
    await client()
      .send({ method: "GET", url: buildUrl(api.origin, "api/v1/companies"), headers: apiKey, operation: "list companies" })
      .catch(() => undefined);
    expect(firstBytes).toEqual([0x16]); // a TLS handshake record: the redirect was followed over TLS
  });

  it("gives up after five redirects", async () => {
    const api = await startServer({ "/a": { status: 302, location: "/b" }, "/b": { status: 302, location: "/a" } });
    const error = (await client().send({ method: "GET", url: buildUrl(api.origin, "a"), operation: "read" }).catch((e: unknown) => e)) as SyncError;
    expect(error.userMessage).toMatch(/redirected more than 5 times \(read\); the last redirect pointed to http:\/\/127\.0\.0\.1:\d+\/[ab]\./);
    expect(api.seen).toHaveLength(6);
  });
});

describe("redirectAllowed", () => {
  const allowed = (from: string, to: string) => redirectAllowed(new URL(from), new URL(to));
  it("allows the same origin and an upgrade to https on the same host, nothing else", () => {
    expect(allowed("https://acme.huducloud.com/api/v1/x", "https://acme.huducloud.com/other")).toBe(true);
    expect(allowed("http://hudu.local/api", "https://hudu.local/api")).toBe(true);
    expect(allowed("https://hudu.local/api", "http://hudu.local/api")).toBe(false);
    expect(allowed("https://acme.huducloud.com/", "https://evil.example.com/")).toBe(false);
    expect(allowed("https://acme.huducloud.com/", "https://acme.huducloud.com:8443/")).toBe(false);
    expect(allowed("https://acme.huducloud.com/", "https://login.huducloud.com/")).toBe(false);
  });
});
