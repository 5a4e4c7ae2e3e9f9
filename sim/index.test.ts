import { describe, expect, it } from "vitest";
import { connectionInfo, startSimulators } from "./index";
import { haloGet, haloToken, huduFetch } from "./testing";

describe("startSimulators", () => {
  it("starts both over one generated MSP and closes them", async () => {
    const sims = await startSimulators({ size: "tiny", seed: 2, rateScale: 60 });
    try {
      const info = connectionInfo(sims);
      expect(info.halo.authUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth$/);
      expect(info.hudu.apiKey).toBe(sims.hudu.apiKey);
      const token = await haloToken(sims.halo);
      const clients = (await (await haloGet(sims.halo, token, "/Client?includeinactive=true")).json()).clients;
      expect(clients.map((c: { id: number }) => c.id)).toEqual(expect.arrayContaining(sims.generated.halo.clients.map((c) => c.id)));
      expect((await huduFetch(sims.hudu, "GET", "/api_info")).status).toBe(200);
      expect(sims.generated.truth.length).toBeGreaterThan(0);
    } finally {
      await sims.close();
    }
  });

  it("answers every request of both after latencyMs", async () => {
    const sims = await startSimulators({ size: "tiny", seed: 2, latencyMs: 120 });
    try {
      let started = Date.now();
      const token = await haloToken(sims.halo);
      expect(Date.now() - started).toBeGreaterThanOrEqual(110);
      started = Date.now();
      expect((await haloGet(sims.halo, token, "/Client")).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(110);
      started = Date.now();
      expect((await huduFetch(sims.hudu, "GET", "/api_info")).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    } finally {
      await sims.close();
    }
  });
});
