export * from "./events";
export * from "./limiter-registry";
export * from "./parse";
export * from "./rate-limiter";
export * from "./request";
export * from "./retry-after";
export * from "./sleep";
export * from "./url";
