import { describe, expect, it } from "vitest";
import { HALO_ID_STAMP_PREFIX, formatHaloIdStamp, matchCompanies, type MatchHaloClient, type MatchHuduCompany } from "./index";

/** A small background corpus so IDF has something to weigh against. */
const background: MatchHuduCompany[] = [
  { id: 900, name: "Riverside Plumbing Services", website: "riversideplumbing.com" },
  { id: 901, name: "Northgate Dental Group", website: "northgatedental.co.uk" },
  { id: 902, name: "Kestrel Property Services Ltd" },
  { id: 903, name: "Harbourview Dental" },
  { id: 904, name: "Oakfield Group Holdings" },
];

function run(halo: MatchHaloClient[], hudu: MatchHuduCompany[], links: Array<{ haloId: number; huduId: number }> = []) {
  return matchCompanies({ halo, hudu: [...hudu, ...background], links });
}

describe("matchCompanies: evidence and reasons", () => {
  it("prefers an existing link over everything", () => {
    const [m] = run([{ id: 1, name: "Acme" }], [{ id: 10, name: "Something Else" }, { id: 11, name: "Acme" }], [{ haloId: 1, huduId: 10 }]);
    expect(m.best?.huduId).toBe(10);
    expect(m.best?.score).toBe(1);
    expect(m.best?.reasons[0]).toBe("linked earlier by this app");
    // Our own link is authoritative; an equal name elsewhere does not outvote it.
    expect(m.autoAccept).toBe(true);
    expect(m.candidates[1]?.huduId).toBe(11);
  });

  it("uses Hudu's Halo integration and our id stamp", () => {
    const [a, b] = run(
      [
        { id: 190, name: "Kingfisher Boat Hire" },
        { id: 191, name: "Quayside Chandlery" },
      ],
      [
        { id: 20, name: "Kingfisher Boat Hire & Marina", integrations: [{ integratorName: "HaloPSA", syncId: "190" }] },
        { id: 21, name: "Quayside", idNumber: formatHaloIdStamp(191) },
      ],
    );
    expect(HALO_ID_STAMP_PREFIX).toBe("halo:");
    expect(a.best).toMatchObject({ huduId: 20 });
    expect(a.best?.reasons).toContain("linked by Hudu's Halo integration");
    expect(a.autoAccept).toBe(true);
    expect(b.best?.huduId).toBe(21);
    expect(b.best?.evidence).toContain("id-stamp");
    expect(b.autoAccept).toBe(true);
  });

  it("never auto-accepts a company Hudu's integration ties to a different Halo client", () => {
    const [borer, auer] = run(
      [
        { id: 5, name: "Borer Freight Ltd", website: "borerfreight.co.uk" },
        { id: 23, name: "Auer Family Chiropractic" },
      ],
      [{ id: 40, name: "Borer Freight Ltd", website: "borerfreight.co.uk", integrations: [{ integratorName: "halo", syncId: 23 }] }],
    );
    expect(auer.best).toMatchObject({ huduId: 40 });
    expect(auer.autoAccept).toBe(true);
    // Same name and website, but the company already belongs to client 23 in Hudu's eyes.
    expect(borer.autoAccept).toBe(false);
    expect(borer.best?.evidence ?? []).not.toContain("integration");
  });

  it("treats a bare numeric id_number as weak evidence only", () => {
    const [m] = run([{ id: 77, name: "Zephyr Kites" }], [{ id: 30, name: "Unrelated Name Pty", idNumber: "77" }]);
    expect(m.best?.evidence).toContain("id-number");
    expect(m.autoAccept).toBe(false);
  });

  it("explains normalised names, domains and phones in plain words", () => {
    const [m] = run(
      [{ id: 1, name: "Castleton Roofing LTD", website: "http://castletonroofing.co.uk", phone: "0118 496 0756" }],
      [{ id: 40, name: "Castleton Roofing", website: "https://www.castletonroofing.co.uk/", phone: "+44 118 496 0756" }],
    );
    expect(m.best?.huduId).toBe(40);
    expect(m.best?.reasons).toEqual([
      "names equal after removing 'LTD'",
      "same website domain castletonroofing.co.uk",
      "same phone number +44 118 496 0756",
    ]);
    expect(m.best!.score).toBeGreaterThan(0.99);
    expect(m.autoAccept).toBe(true);
  });

  it("matches against the Hudu nickname and by initials", () => {
    const [a, b] = run(
      [
        { id: 1, name: "Bowmore Legal", emailDomains: ["bowmorelegal.co.uk"] },
        { id: 2, name: "Kirkby Waste Solutions Ltd", website: "kirkbywaste.co.uk" },
      ],
      [
        { id: 50, name: "Bowmore Partnership Solicitors", nickname: "Bowmore Legal", website: "bowmorelegal.co.uk" },
        { id: 51, name: "KWS Ltd", website: "https://kirkbywaste.co.uk" },
      ],
    );
    expect(a.best?.reasons[0]).toBe("name equals Hudu nickname 'Bowmore Legal'");
    expect(b.best?.huduId).toBe(51);
    expect(b.best?.evidence).toContain("acronym");
  });

  it("ignores mail-provider domains and placeholder phones", () => {
    const [m] = run(
      [{ id: 1, name: "Dave Kirwan Electrical", emailDomains: ["gmail.com"], phone: "0000000000" }],
      [{ id: 60, name: "Totally Different Bakery", website: "gmail.com", phone: "000 000 0000" }],
    );
    expect(m.candidates).toEqual([]);
    expect(m.best).toBeNull();
  });

  it("says when a Hudu company is archived and prefers a live one", () => {
    const [m] = run(
      [{ id: 1, name: "Penhallow Estates" }],
      [
        { id: 70, name: "Penhallow Estates", archived: true },
        { id: 71, name: "Penhallow Estates" },
      ],
    );
    expect(m.candidates.map((c) => c.huduId)).toEqual([71, 70]);
    expect(m.candidates[1].reasons).toContain("Hudu company is archived");
    expect(m.autoAccept).toBe(false); // two equal names: not unique
  });

  it("tolerates typos and word order", () => {
    const hudu = [{ id: 80, name: "Fotheringham Architects", website: "www.fotheringhamarchitects.co.uk" }];
    const [a] = run([{ id: 1, name: "Fotheringham Acrhitects", website: "https://fotheringhamarchitects.co.uk/" }], hudu);
    expect(a.best?.huduId).toBe(80);
    expect(a.best?.reasons[0]).toMatch(/similar names .*'acrhitects' ≈ 'architects'/);
    expect(a.autoAccept).toBe(true);
    const [b] = run([{ id: 2, name: "Architects Fotheringham" }], hudu);
    expect(b.best?.huduId).toBe(80);
    expect(b.best?.reasons[0]).toMatch(/similar names \(100%\)/);
    expect(b.autoAccept).toBe(false); // a similar name alone is never enough
  });

  it("never throws on odd input", () => {
    const odd = [
      { id: 1, name: "" },
      { id: 2, name: "<script>alert(1)</script>", website: "-1", phone: "-1", emailDomains: ["", "-1"] },
      { id: 3, name: "🙂", website: null, phone: null },
    ] as MatchHaloClient[];
    const hudu = [{ id: 1, name: "", website: "", phone: "", idNumber: "", integrations: [{ integratorName: "", syncId: null }] }] as MatchHuduCompany[];
    expect(() => matchCompanies({ halo: odd, hudu })).not.toThrow();
    const out = matchCompanies({ halo: odd, hudu });
    expect(out.map((m) => m.haloId)).toEqual([1, 2, 3]);
    expect(out.every((m) => !m.autoAccept)).toBe(true);
  });
});

describe("matchCompanies: auto-accept and hard negatives", () => {
  it("does not auto-accept near-namesakes (Smith Dental vs Smith Dental Lab)", () => {
    const [m] = run([{ id: 153, name: "Smith Dental Lab", phone: "+1 (720) 555-0174" }], [{ id: 90, name: "Smith Dental", website: "https://smithdentalcare.com/", phone: "(415) 555-0133" }]);
    expect(m.best?.huduId).toBe(90);
    expect(m.autoAccept).toBe(false);
    expect(m.best!.score).toBeLessThan(0.5);
  });

  it("gives one Hudu company to at most one Halo client", () => {
    const out = run(
      [
        { id: 169, name: "Smith Dental", emailDomains: ["smithdentalcare.com"] },
        { id: 170, name: "Smith Dental" },
      ],
      [{ id: 90, name: "Smith Dental", website: "https://smithdentalcare.com/" }],
    );
    expect(out[0].best?.huduId).toBe(90);
    expect(out[1].best?.huduId).toBe(90);
    expect(out.filter((m) => m.autoAccept).length).toBeLessThanOrEqual(1);
    expect(out[1].autoAccept).toBe(false);
    expect(out[1].best?.reasons.at(-1)).toMatch(/Halo client #169 is a better match/);
  });

  it("withholds auto-accept when two Halo clients want one company about equally", () => {
    const out = run(
      [
        { id: 1, name: "Granthams Accountants" },
        { id: 2, name: "Granthams Accountants Ltd" },
      ],
      [{ id: 91, name: "Granthams Accountants" }],
    );
    expect(out.every((m) => !m.autoAccept)).toBe(true);
  });

  it("suggests a renamed company with the same website but does not auto-accept on the website alone", () => {
    const [m] = run(
      [{ id: 1, name: "Allied Bay Carriers", website: "https://www.alliedbaycarriers.com" }],
      [{ id: 92, name: "Harbour Freight Logistics", website: "alliedbaycarriers.com" }],
    );
    expect(m.best?.huduId).toBe(92);
    expect(m.best?.reasons).toContain("same website domain alliedbaycarriers.com");
    expect(m.autoAccept).toBe(false);
    // With the phone agreeing as well, two independent signals justify it.
    const [n] = run(
      [{ id: 1, name: "Allied Bay Carriers", website: "https://www.alliedbaycarriers.com", phone: "+1 617 555 0126" }],
      [{ id: 92, name: "Harbour Freight Logistics", website: "alliedbaycarriers.com", phone: "617-555-0126" }],
    );
    expect(n.autoAccept).toBe(true);
  });

  it("does not auto-accept equal names whose websites and phones disagree", () => {
    const [m] = run(
      [{ id: 117, name: "Elite Fitness", website: "https://elitefitnessmn.com", phone: "+1 720 555 0156" }],
      [{ id: 93, name: "Elite Fitness", website: "https://elitefitness.com.au/", phone: "0270100494" }],
    );
    expect(m.best?.huduId).toBe(93);
    expect(m.autoAccept).toBe(false);
    expect(m.best?.evidence).toContain("conflict-domain");
  });

  it("does not auto-accept a generic name on the name alone", () => {
    const [m] = run([{ id: 1, name: "Central Services" }], [{ id: 94, name: "Central Services" }]);
    expect(m.best?.huduId).toBe(94);
    expect(m.autoAccept).toBe(false);
  });

  it("auto-accepts a distinctive equal name with nothing against it", () => {
    const [m] = run([{ id: 1, name: "Cobbold and Pryor Estate Agents LTD" }], [{ id: 95, name: "Cobbold & Pryor Estate Agents" }]);
    expect(m.autoAccept).toBe(true);
    expect(m.best?.reasons[0]).toBe("names equal after removing 'LTD', treating '&' as 'and'");
  });

  it("does not auto-accept one-letter-apart names (Kendal / Kendall)", () => {
    const out = run(
      [
        { id: 277, name: "Kendal Roofing", website: "www.kendalroofing.co.uk" },
        { id: 378, name: "Kendall Roofing", website: "kendallroofing.co.uk" },
      ],
      [{ id: 96, name: "Kendal Roofing", website: "www.kendalroofing.co.uk" }],
    );
    expect(out[0].autoAccept).toBe(true);
    expect(out[1].autoAccept).toBe(false);
  });

  it("does not auto-accept different branches on the name alone", () => {
    const [m] = run([{ id: 1, name: "Clearwater Optometry (Galway)" }], [{ id: 97, name: "Clearwater Optometry (Dublin)" }]);
    expect(m.best?.huduId).toBe(97);
    expect(m.autoAccept).toBe(false);
  });

  it("returns results in input order with at most five candidates", () => {
    const hudu = Array.from({ length: 12 }, (_, i) => ({ id: 500 + i, name: `Wexford Marine ${["Services", "Supplies", "Group", "Hire", "Repairs", "Storage", "Sales", "Yard", "Boats", "Parts", "Tours", "School"][i]}` }));
    // Unrelated filler so that "Wexford" is a rare word, as it would be in a real corpus.
    const filler = Array.from({ length: 60 }, (_, i) => ({ id: 700 + i, name: `Filler${String.fromCharCode(97 + (i % 26))}${i} Trading` }));
    const out = matchCompanies(
      {
        halo: [
          { id: 3, name: "Wexford Marine" },
          { id: 1, name: "Zeta" },
        ],
        hudu: [...hudu, ...filler],
      },
      { minScore: 0.01 },
    );
    expect(out.map((m) => m.haloId)).toEqual([3, 1]);
    expect(out[0].candidates.length).toBe(5);
    const scores = out[0].candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const c of out[0].candidates) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(1);
    }
  });
});
