// jest's global setup: the CLI's process tests run the compiled CLI, so build it first if stale.
module.exports = async function globalSetup() {
  const { buildCli } = await import("../../scripts/build-cli.mjs");
  await buildCli();
};
