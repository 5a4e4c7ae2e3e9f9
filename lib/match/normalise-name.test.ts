import { describe, expect, it } from "vitest";
import { legalFormCountries, normaliseName } from "./normalise-name";

const key = (name: unknown) => normaliseName(name).key;

describe("normaliseName", () => {
  it("folds case, accents and whitespace", () => {
    expect(key("  CAFÉ   Müller  ")).toBe("cafe muller");
    expect(key("Holy  Trinity\tPrimary School")).toBe("holy trinity primary school");
    expect(key("Straße Bäckerei")).toBe("strasse backerei");
  });

  it("treats & and 'and' the same", () => {
    expect(key("Bellamy Plumbing & Heating")).toBe(key("Bellamy Plumbing and Heating"));
    expect(key("Hale & Co Accountants")).toBe("hale co accountants");
  });

  it("drops a leading 'The' and remembers it", () => {
    const n = normaliseName("The Grange Prep School");
    expect(n.key).toBe("grange prep school");
    expect(n.article).toBe("leading");
    expect(key("The")).toBe("the");
  });

  it("reads an article moved to the end ('Quillon Marsh Ltd., The') like a leading one", () => {
    const moved = normaliseName("Quillon Marsh Hotel Ltd., The");
    expect(moved.key).toBe(key("The Quillon Marsh Hotel"));
    expect(moved.article).toBe("trailing");
    expect(moved.legalForms).toEqual(["ltd"]);
    expect(moved.legalFormsAsWritten).toEqual(["Ltd."]);
    const llc = normaliseName("Brindlegate Inn L.L.C., The");
    expect(llc.key).toBe("brindlegate inn");
    expect(llc.legalForms).toEqual(["llc"]);
    expect(llc.legalFormsAsWritten).toEqual(["L.L.C."]);
    expect(key("Tarrow Mill Bakery (The)")).toBe("tarrow mill bakery");
    expect(normaliseName("Tarrow Mill Bakery (The)").qualifiers).toEqual([]);
    // "The" inside a name stays.
    expect(key("Meet The Makers Studio")).toBe("meet the makers studio");
  });

  it("keeps a bracketed legal form in the name, not as a location", () => {
    const n = normaliseName("Kestle Wireworks (Pty) Ltd");
    expect(n.key).toBe("kestle wireworks");
    expect(n.legalForms).toEqual(["pty", "ltd"]);
    expect(n.legalFormsAsWritten).toEqual(["Pty", "Ltd"]);
    expect(n.qualifiers).toEqual([]);
  });

  it("ignores stray spaces: doubled, leading, trailing, tabs and non-breaking", () => {
    const plain = normaliseName("Pellow Quarry Tools Ltd").plain;
    for (const spaced of ["  Pellow  Quarry Tools Ltd ", "Pellow Quarry  Tools Ltd\t", "Pellow\u00a0Quarry Tools  Ltd", "Pellow Quarry Tools Ltd  "]) {
      expect(normaliseName(spaced).plain).toBe(plain);
    }
  });

  it("lets umlauts and their ae/oe/ue/ss spellings agree, but only where an umlaut was written", () => {
    const umlaut = normaliseName("Brückner Größmann Kälte");
    const spelled = normaliseName("Brueckner Groessmann Kaelte");
    expect(umlaut.hadUmlaut).toBe(true);
    expect(spelled.hadUmlaut).toBe(false);
    expect(umlaut.umlautFolded).toBe(spelled.umlautFolded);
    expect(normaliseName("Bru\u0308ckner Feinmechanik").hadUmlaut).toBe(true); // decomposed ü
    expect(normaliseName("Br&uuml;ckner Feinmechanik").key).toBe("bruckner feinmechanik");
    expect(key("Weißhaupt Optik")).toBe(key("Weisshaupt Optik"));
    // Without an umlaut on either side, "ue" and "u" are different spellings, not the same name.
    expect(normaliseName("Muellerstrand Bikes").hadUmlaut).toBe(false);
    expect(normaliseName("Mullerstrand Bikes").hadUmlaut).toBe(false);
  });

  it("keeps legal forms aside instead of throwing them away", () => {
    const n = normaliseName("Acme Widgets Pty Ltd");
    expect(n.key).toBe("acme widgets");
    expect(n.legalForms).toEqual(["pty", "ltd"]);
    expect(n.legalFormsAsWritten).toEqual(["Pty", "Ltd"]);
    expect(normaliseName("Russo Bros. Paving, Inc.").legalForms).toEqual(["inc"]);
    expect(normaliseName("Hartwell Family Dentistry P.L.L.C.").legalForms).toEqual(["pllc"]);
    expect(key("Müller GmbH")).toBe("muller");
    expect(key("Redfern Aggregates plc")).toBe(key("Redfern Aggregates PLC"));
    expect(key("Tidewater Title Company")).toBe(key("Tidewater Title Co."));
    expect(key("Keystone LLP")).toBe("keystone");
    expect(key("Big Corp")).toBe("big");
    // A name that is only a legal form keeps it.
    expect(key("Limited")).toBe("limited");
  });

  it("ignores punctuation, apostrophes and initials' dots", () => {
    expect(key("J.R. Whitfield Insurance")).toBe(key("JR Whitfield Insurance"));
    expect(key("Kookaburra Kids' Childcare")).toBe(key("Kookaburra Kids Childcare"));
    expect(key("O'Neill Construction")).toBe(key("ONeill Construction"));
    expect(key("Calloway, Benson & Pratt")).toBe(key("Calloway Benson and Pratt"));
    expect(normaliseName("Trans-Mersey Haulage").compact).toBe(normaliseName("TransMersey Haulage").compact);
    expect(key("Hartley-Shaw Accountants")).toBe(key("Hartley Shaw Accountants"));
  });

  it("expands common abbreviations", () => {
    expect(key("Tasman Building Svcs")).toBe(key("Tasman Building Services"));
    expect(key("Gallagher Dental Assoc.")).toBe(key("Gallagher Dental Associates"));
    expect(key("Brandywine Mfg. Co.")).toBe(key("Brandywine Manufacturing Co."));
    expect(key("Halden Bros. Joinery")).toBe(key("Halden Brothers Joinery"));
  });

  it("separates location qualifiers", () => {
    const a = normaliseName("Kinsella Accountants (Galway)");
    expect(a.key).toBe("kinsella accountants");
    expect(a.qualifiers).toEqual(["galway"]);
    const b = normaliseName("Milford Family Practice - Main Office");
    expect(b.key).toBe("milford family practice");
    expect(b.qualifiers).toEqual(["main office"]);
    expect(key("Marigold Senior Living LLC (Boise)")).toBe("marigold senior living");
    // An unspaced hyphen is part of the name, not a qualifier.
    expect(key("Tri-County Metalworks")).toBe("tri county metalworks");
  });

  it("gives every way of writing a branch the same full key, and keeps its location words", () => {
    const styles = ["Ormsby Lettings - Whitcombe", "Ormsby Lettings (Whitcombe)", "Ormsby Lettings, Whitcombe", "Ormsby Lettings Whitcombe", "Whitcombe Ormsby Lettings"];
    const fullKeys = styles.map((s) => normaliseName(s).fullKey);
    expect(new Set(fullKeys).size).toBe(1);
    expect(normaliseName("Ormsby Lettings (Whitcombe)").location).toEqual(["whitcombe"]);
    expect(normaliseName("Ormsby Lettings - Marrow Green").location).toEqual(["marrow", "green"]);
    // An office label is not a place.
    expect(normaliseName("Ormsby Lettings (Head Office)").location).toEqual([]);
    expect(normaliseName("Ormsby Lettings - Main Office").location).toEqual([]);
    // Notes about the name are no place either.
    expect(normaliseName("Ormsby Lettings (formerly Ormsby & Platt Ltd)").location).toEqual([]);
    expect(normaliseName("Ormsby Lettings (Customer)").location).toEqual([]);
    expect(normaliseName("Ormsby Lettings (Isle of Wight)").location).toEqual(["isle", "of", "wight"]);
  });

  it("knows which countries legal forms belong to", () => {
    expect(legalFormCountries(["pty", "ltd"])).toEqual(["au", "za"]);
    expect(legalFormCountries(["inc"])).toContain("us");
    expect(legalFormCountries(["gmbh"])).not.toContain("us");
    expect(legalFormCountries(["co"])).toBeNull(); // used everywhere: says nothing
    expect(normaliseName("Yallambee Orchards Proprietary Limited").legalForms).toEqual(["pty", "ltd"]);
    // Canada uses both Ltd and Inc, so they share a country.
    expect(legalFormCountries(["ltd"])!.some((c) => legalFormCountries(["inc"])!.includes(c))).toBe(true);
    expect(legalFormCountries(["pty", "ltd"])!.some((c) => legalFormCountries(["inc"])!.includes(c))).toBe(false);
  });

  it("computes initials for multi-word names", () => {
    expect(normaliseName("Kirkby Waste Solutions Ltd").acronym).toBe("kws");
    expect(normaliseName("North Wealdshire Carers Trust").acronym).toBe("nwct");
    expect(normaliseName("Acme").acronym).toBe("");
  });

  it("never throws on odd input and strips markup", () => {
    for (const odd of ["", "   ", "-1", null, undefined, 42, {}, "🙂🙂", "()", "&amp;", "<script>alert(1)</script>", "a".repeat(5000)]) {
      expect(() => normaliseName(odd)).not.toThrow();
    }
    expect(key("<b>Acme</b> &amp; Sons <script>alert('x')</script>")).toBe("acme sons");
    expect(key("Acme 🚀 Rockets")).toBe("acme rockets");
    expect(key("")).toBe("");
    expect(key(null)).toBe("");
  });
});
