// @ts-check
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import prettier from "eslint-config-prettier";
import jest from "eslint-plugin-jest";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "dist-cli/**",
      "node_modules/**",
      "coverage/**",
      "test-results/**",
      "bin/**",
      "*.cjs",
      "test/**/*.cjs",
      "*.mjs",
      "scripts/**",
      "webpack.config.js",
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "office-addins": officeAddins },
    rules: {
      "@typescript-eslint/return-await": ["error", "in-try-catch"],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // A switch over a union (WriteOp kinds, statuses) names every member, or fails here: a new op
      // kind a writer, the fake or the preview does not handle stops the build. A default branch does
      // not count as handling them.
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    // React's rules of hooks: hooks called unconditionally, and effects and callbacks list what they use.
    files: ["src/**/*.tsx", "test/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // Every test can fail: no conditional expect, no test without an assertion, none skipped.
    files: ["test/**/*.ts", "test/**/*.tsx"],
    ...jest.configs["flat/recommended"],
    rules: {
      ...jest.configs["flat/recommended"].rules,
      "jest/no-conditional-expect": "error",
      "jest/no-disabled-tests": "error",
      // An expect in afterEach fails the test it follows (no console errors, say): that is a test block.
      "jest/no-standalone-expect": ["error", { additionalTestBlockFunctions: ["afterEach"] }],
      "jest/expect-expect": [
        "error",
        { assertFunctionNames: ["expect", "expect*", "assert*", "check*", "validate*", "*.expect*"] },
      ],
    },
  },
  {
    // A Problem comes from the rule catalogue, problem(sheet, cell, rule, args) in core/basics/problem.ts: its
    // words and severity are its rule's, never a sentence composed or a severity chosen where it is found.
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/core/basics/problem.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "ObjectExpression:has(> Property[key.name='rule']):has(> Property[key.name='message'][value.type=/^(Literal|TemplateLiteral|BinaryExpression|ConditionalExpression)$/])",
          message: "Make a Problem with problem(sheet, cell, rule, args): its words are its rule's template.",
        },
        {
          selector:
            "ObjectExpression:has(> Property[key.name=/^(rule|message)$/]):has(> Property[key.name='severity'][value.type='Literal'])",
          message: "Make a Problem with problem(sheet, cell, rule, args): its severity is its rule's.",
        },
        {
          selector: "ObjectExpression:has(> SpreadElement):has(> Property[key.name=/^(severity|message)$/])",
          message:
            "A Problem's severity and words are its rule's: make another problem rather than alter one.",
        },
      ],
    },
  },
  {
    // The Excel shell and ribbon commands talk to Office: hold them to Office's batching rules.
    files: ["src/excel/**/*.ts", "src/commands/**/*.ts"],
    rules: {
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-office-initialize": "error",
    },
  },
  {
    // Tests build fakes and poke at loosely typed host objects; strict any-rules there only add noise.
    files: ["test/**/*.ts", "test/**/*.tsx"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/unbound-method": "off",
    },
  },
  {
    // The browser suite is plain JavaScript run by node, outside the TypeScript project: lint it untyped.
    files: ["**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
