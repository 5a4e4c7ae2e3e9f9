import bcrypt from "bcryptjs";

const COST = 11;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

// Compared against when the e-mail is unknown, so both failures take the same time.
export const DUMMY_HASH = "$2b$11$YL9mPah7EZ5JTxqwwdJ9MuX5p9ND1wPAyWCm17w3wQbLbuv65U6Ku";
