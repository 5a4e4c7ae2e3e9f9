import { describe, expect, it } from "vitest";
import { isPlaceholderDigits, normalisePhone, phoneCountriesDiffer, phoneKey, samePhone } from "./phones";

describe("phones", () => {
  it("compares national significant numbers across formats", () => {
    expect(samePhone("+44 141 496 0512", "0141 496 0512")).toBe(true);
    expect(samePhone("01414960512", "+44 (0)141 496 0512")).toBe(true);
    expect(samePhone("(206) 555-0149", "+1 206 555 0149")).toBe(true);
    expect(samePhone("1-206-555-0149", "206.555.0149")).toBe(true);
    expect(samePhone("07 5550 4704", "+61 7 5550 4704")).toBe(true);
    expect(samePhone("+353 91 555 6157", "091 555 6157")).toBe(true);
    expect(samePhone("0044 20 7946 0774", "020 7946 0774")).toBe(true);
    expect(samePhone("020 7946 0774 ext. 12", "02079460774")).toBe(true);
  });

  it("does not match different numbers or different countries", () => {
    expect(samePhone("0141 496 0512", "0141 496 0513")).toBe(false);
    expect(samePhone("+44 20 7946 0774", "+61 20 7946 0774")).toBe(false);
    const us = phoneKey("+1 720 555 0156")!;
    const au = phoneKey("02 7010 0494")!;
    expect(phoneCountriesDiffer(us, au)).toBe(true);
    expect(phoneCountriesDiffer(phoneKey("+44 141 496 0512")!, phoneKey("0141 496 0512")!)).toBe(false);
  });

  it("does not call a number written without its country code a foreign one when the digits match", () => {
    // "+44 1632 960 481" typed as "1632 960481" (no +44, no trunk 0) looks North American by shape.
    const intl = phoneKey("+44 1632 960 481")!;
    const bare = phoneKey("1632 960481")!;
    expect(bare.nationalStyle).toBe("nanp");
    expect(phoneCountriesDiffer(intl, bare)).toBe(false);
    expect(phoneCountriesDiffer(bare, intl)).toBe(false);
  });

  it("still sees a real country conflict", () => {
    // A UK trunk-0 number cannot be North American; a US area code is no valid UK number.
    expect(phoneCountriesDiffer(phoneKey("+1 415 555 0139")!, phoneKey("020 7946 0139")!)).toBe(true);
    expect(phoneCountriesDiffer(phoneKey("+44 20 7946 0139")!, phoneKey("(212) 555-0139")!)).toBe(true);
    expect(phoneCountriesDiffer(phoneKey("+44 20 7946 0139")!, phoneKey("+61 2 7946 0139")!)).toBe(true);
  });

  it("ignores placeholders and junk", () => {
    for (const junk of ["", "-1", "0", "n/a", "0000000000", "1234567890", "555-5555", "123456", "+44 0000 000000", null, undefined, 7]) {
      expect(phoneKey(junk)).toBeNull();
    }
    expect(isPlaceholderDigits("1212121212")).toBe(true);
    expect(isPlaceholderDigits("1414960512")).toBe(false);
  });

  it("reads numbers without a country code in the default countries (libphonenumber)", () => {
    expect(normalisePhone("0141 496 0512")?.e164).toEqual(["+441414960512"]);
    expect(normalisePhone("(206) 555-0149")?.countries).toContain("US");
    expect(normalisePhone("07 5550 4704")?.e164).toEqual(["+61755504704"]);
    expect(normalisePhone("+353 91 555 6157")?.e164).toEqual(["+353915556157"]);
    expect(normalisePhone("0000000")).toBeNull();
  });
});
