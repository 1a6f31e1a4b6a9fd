/** Unit and integration tests. Types are checked by `tsc --noEmit`; tsconfig's isolatedModules makes ts-jest only transpile. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  testTimeout: 60000,
  // The CLI's process tests run dist-cli (compiled JavaScript, as installed): built here when stale.
  globalSetup: "<rootDir>/test/support/global-setup.cjs",
  // Removes the run's temporary folder, where every test's temporary files go (global-setup.cjs).
  globalTeardown: "<rootDir>/test/support/global-teardown.cjs",
};
