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

/** Each client's best Hudu company and whether it was auto-accepted. */
const picks = (out: ReturnType<typeof run>) => out.map((m) => [m.best?.huduId, m.autoAccept]);

describe("matchCompanies: the kinds of miss seen on unseen data", () => {
  it("matches a name whose 'The' was moved to the end", () => {
    const out = run(
      [
        { id: 1, name: "The Quillon Marsh Hotel" },
        { id: 2, name: "Brindlegate Inn" },
      ],
      [
        { id: 10, name: "Quillon Marsh Hotel Ltd., The" },
        { id: 11, name: "Brindlegate Inn L.L.C., The" },
      ],
    );
    expect(picks(out)).toEqual([
      [10, true],
      [11, true],
    ]);
    expect(out[0].best?.reasons[0]).toBe("names equal after removing 'Ltd.', ignoring that 'The' was moved to the end");
    expect(out[1].best?.reasons[0]).toBe("names equal after removing 'L.L.C.', ignoring 'The'");
  });

  it("takes legal forms of different countries as different organisations, whatever else agrees", () => {
    // A US Inc and an Australian Pty Ltd of one name: even a shared website and phone do not make them one.
    const [m] = run(
      [{ id: 1, name: "Corrowdale Timber Inc", website: "corrowdaletimber.com", phone: "+1 541 555 0163" }],
      [{ id: 20, name: "Corrowdale Timber Pty Ltd", website: "corrowdaletimber.com", phone: "541 555 0163" }],
    );
    expect(m.best?.huduId).toBe(20);
    expect(m.autoAccept).toBe(false);
    expect(m.best?.evidence).toContain("conflict-legal-form");
    expect(m.best?.reasons).toContain("legal forms of different countries ('Inc' vs 'Pty Ltd'): probably different organisations");
    // With the US company in Hudu as well, that one is chosen and the namesake is far behind.
    const [n] = run([{ id: 1, name: "Corrowdale Timber Inc" }], [{ id: 20, name: "Corrowdale Timber Pty Ltd" }, { id: 21, name: "Corrowdale Timber, Inc." }]);
    expect(n.best?.huduId).toBe(21);
    expect(n.autoAccept).toBe(true);
    expect(n.candidates[1].score).toBeLessThan(n.candidates[0].score - 0.3);
    // GmbH and LLC likewise; Ltd and Inc are not a conflict (a Canadian corporation may use either).
    const [g] = run([{ id: 1, name: "Veltheim Sensorik GmbH" }], [{ id: 22, name: "Veltheim Sensorik LLC" }]);
    expect(g.autoAccept).toBe(false);
    expect(g.best?.evidence).toContain("conflict-legal-form");
    const [c] = run([{ id: 1, name: "Ardquin Maple Syrup Ltd" }], [{ id: 23, name: "Ardquin Maple Syrup Inc" }]);
    expect(c.best?.evidence).not.toContain("conflict-legal-form");
  });

  it("reads a legal form used in several countries in the country of its phone", () => {
    // An LLP exists in the UK and the US; with a +44 number this one is British, and a PLLC is American.
    const [m] = run([{ id: 1, name: "Fenwick Tarrant LLP", phone: "+44 161 496 0854" }], [{ id: 24, name: "Fenwick Tarrant PLLC" }]);
    expect(m.best?.evidence).toContain("conflict-legal-form");
    expect(m.best?.reasons).toContain("legal forms of different countries, given the phone numbers ('LLP' vs 'PLLC'): probably different organisations");
    expect(m.autoAccept).toBe(false);
    // With a US number both forms fit one country.
    const [n] = run([{ id: 2, name: "Fenwick Tarrant LLP", phone: "+1 617 555 0188" }], [{ id: 24, name: "Fenwick Tarrant PLLC" }]);
    expect(n.best?.evidence).not.toContain("conflict-legal-form");
  });

  it("picks the branch whose location matches, however the location is set off", () => {
    const web = "ormsbylettings.co.uk";
    const out = run(
      [
        { id: 1, name: "Ormsby Lettings Whitcombe", website: web },
        { id: 2, name: "Ormsby Lettings - Tarnside", website: web },
        { id: 3, name: "Ormsby Lettings (Fellbrook)", website: web },
        { id: 4, name: "Ormsby Lettings Marrow Green", website: web },
      ],
      [
        { id: 30, name: "Ormsby Lettings - Whitcombe", website: web },
        { id: 31, name: "Ormsby Lettings (Tarnside)", website: web },
        { id: 32, name: "Ormsby Lettings Fellbrook", website: web },
        { id: 33, name: "Ormsby Lettings, Marrow Green", website: web },
      ],
    );
    expect(picks(out)).toEqual([
      [30, true],
      [31, true],
      [32, true],
      [33, true],
    ]);
    expect(out[0].best?.reasons[0]).toBe("names equal after reading 'whitcombe' as the same location in both");
    // Another branch of the firm is shown, with the reason it is not this one.
    const other = out[1].candidates.find((c) => c.huduId === 30);
    expect(other?.reasons).toContain("different branches ('tarnside' vs 'whitcombe')");
    expect(other?.evidence).toContain("conflict-branch");
    // A note about the name in brackets is no branch.
    const [m] = run([{ id: 7, name: "Ormsby Platt Lettings" }], [{ id: 34, name: "Ormsby Lettings (formerly Ormsby Platt Lettings Ltd)" }]);
    expect(m.best?.evidence ?? []).not.toContain("conflict-branch");
  });

  it("still takes a short-word slip on the same website as the same company", () => {
    // "Tyres" / "Tres" is too short for typo matching, but one edit is a slip, not another branch's word.
    const [m] = run([{ id: 1, name: "Dunmore Fenwick Tyres", website: "dunmoretyres.co.uk" }], [{ id: 35, name: "Dunmore Fenwick Tres", website: "www.dunmoretyres.co.uk" }]);
    expect(m.best?.huduId).toBe(35);
    expect(m.autoAccept).toBe(true);
  });

  it("never takes another branch when this branch is missing from Hudu", () => {
    const web = "ormsbylettings.co.uk";
    const hudu = [
      { id: 30, name: "Ormsby Lettings - Whitcombe", website: web },
      { id: 32, name: "Ormsby Lettings Fellbrook", website: web },
    ];
    for (const name of ["Ormsby Lettings - Kilnsey", "Ormsby Lettings (Kilnsey)", "Ormsby Lettings, Kilnsey", "Ormsby Lettings Kilnsey"]) {
      const [m] = run([{ id: 5, name, website: web }], hudu);
      expect(m.autoAccept, name).toBe(false);
    }
    // Even when only one other branch exists and so the website is not visibly shared.
    const [m] = run([{ id: 6, name: "Ormsby Lettings Kilnsey", website: web }], [{ id: 32, name: "Ormsby Lettings Fellbrook", website: web }]);
    expect(m.best?.huduId).toBe(32);
    expect(m.autoAccept).toBe(false);
  });

  it("does not read a phone written without its country code as a foreign number", () => {
    const [m] = run([{ id: 1, name: "Thistlecombe Glazing", phone: "+44 1632 960 481" }], [{ id: 40, name: "Thistlecombe Glazng", phone: "1632 960481" }]);
    expect(m.best?.huduId).toBe(40);
    expect(m.best?.reasons).toContain("same phone number 1632 960481");
    expect(m.best?.evidence).not.toContain("conflict-country");
    expect(m.autoAccept).toBe(true);
    // A real conflict still counts: a UK trunk-0 number is no US number.
    const [n] = run([{ id: 2, name: "Hallowmere Saddlery", phone: "+1 415 555 0139" }], [{ id: 41, name: "Hallowmere Saddlery", phone: "020 7946 0139" }]);
    expect(n.best?.reasons).toContain("phone numbers are in different countries");
    expect(n.autoAccept).toBe(false);
  });

  it("matches the same name on the same website although the phone differs", () => {
    const out = run(
      [
        { id: 1, name: "Penrose Kitchenworks", website: "https://penrosekitchenworks.com", phone: "+1 303 555 0147" },
        { id: 2, name: "Velloway Stoneworks", website: "vellowaystone.co.uk", phone: "0118 496 0222" },
      ],
      [
        { id: 50, name: "Penrose Kitchenworks", website: "penrosekitchenworks.com", phone: "+44 20 7946 0958" },
        { id: 51, name: "Velloway Stoneworks Ltd", website: "www.vellowaystone.co.uk", phone: "0118 496 0877" },
      ],
    );
    expect(picks(out)).toEqual([
      [50, true],
      [51, true],
    ]);
    expect(out[0].best?.reasons).toContain("phone numbers are in different countries, but the name and website agree");
    expect(out[1].best?.reasons).toContain("different phone numbers");
    // Unless something strong says otherwise: legal forms of different countries.
    const [m] = run(
      [{ id: 3, name: "Penrose Kitchenworks Inc", website: "penrosekitchenworks.com", phone: "+1 303 555 0147" }],
      [{ id: 52, name: "Penrose Kitchenworks Pty Ltd", website: "penrosekitchenworks.com", phone: "+61 2 5550 0958" }],
    );
    expect(m.autoAccept).toBe(false);
  });

  it("takes stray spaces and umlaut spellings as the same name", () => {
    const out = run(
      [
        { id: 1, name: "  Pellow  Quarry Tools " },
        { id: 2, name: "Brückner Feinmechanik" },
        { id: 3, name: "Groessmann Optik GmbH" },
        { id: 4, name: "Kaelberer Hofladen" },
      ],
      [
        { id: 60, name: "Pellow Quarry Tools" },
        { id: 61, name: "Brueckner Feinmechanik" },
        { id: 62, name: "Größmann Optik" },
        { id: 63, name: "Kälberer\tHofladen " },
      ],
    );
    expect(picks(out)).toEqual([
      [60, true],
      [61, true],
      [62, true],
      [63, true],
    ]);
    expect(out[0].best?.reasons[0]).toBe("same name");
    expect(out[1].best?.reasons[0]).toBe("names equal after reading umlauts (ä, ö, ü) and their spellings ae, oe, ue alike");
    expect(out[2].best?.reasons[0]).toBe("names equal after removing 'GmbH', reading umlauts (ä, ö, ü) and their spellings ae, oe, ue alike");
    // Two spellings without any umlaut are just similar names, not equal ones.
    const [m] = run([{ id: 5, name: "Muellerstrand Bikes" }], [{ id: 64, name: "Mullerstrand Bikes" }]);
    expect(m.best?.evidence).toContain("name-similar");
    expect(m.autoAccept).toBe(false);
  });
});
