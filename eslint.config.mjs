import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next*/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench/out/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // The CLI and the dashboard write the same SQLite file: a transaction must take the write
      // lock when it begins (see db/transaction.ts), so every one goes through writeTransaction.
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='transaction']",
          message: "Use writeTransaction(db, tx => …) from @/db/transaction: it begins IMMEDIATE, so a read-then-write cannot race the CLI.",
        },
      ],
    },
  },
];

export default config;
