/**
 * Matching engine: suggests which Hudu company each Halo client is, with a score and reasons.
 * Pure functions, no I/O. See match-companies.ts for the entry point.
 */
export type {
  Candidate,
  ClientMatch,
  EvidenceKind,
  MatchHaloClient,
  MatchHuduCompany,
  MatchLink,
  MatchOptions,
} from "./types";
export { matchCompanies, rankCandidates } from "./match-companies";
export { normaliseName, type NormalisedName } from "./normalise-name";
export {
  registrableDomain,
  websiteKey,
  emailDomainKey,
  isMailProvider,
  isSharedHost,
  extractHostname,
  MAIL_PROVIDER_DOMAINS,
  type SiteKey,
} from "./domains";
export { normalisePhone, phoneKey, samePhone, DEFAULT_PHONE_COUNTRIES, type PhoneKey, type NormalisedPhone } from "./phones";
export { HALO_ID_STAMP_PREFIX, formatHaloIdStamp, readIdNumber, isHaloIntegrator } from "./halo-ids";
export { buildMatchIndex, type MatchIndex } from "./index-build";
export { DEFAULT_AUTO_ACCEPT } from "./auto-accept";
