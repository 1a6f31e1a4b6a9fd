// The production manifest: manifest.xml names the dev server (https://localhost:3000/) everywhere;
// `npm run build` (webpack.config.js) writes dist/manifest.xml through substituteManifestUrl with
// $ADDIN_URL, the https address dist/ is hosted at (e.g. https://plans.example.org/action-plan/).
// test/manifest.test.ts tests it.

const DEV_URL = "https://localhost:3000/";
const DEV_ORIGIN = "https://localhost:3000";

/**
 * The manifest with every dev URL pointing at `addinUrl` instead. Page, icon and resource URLs keep
 * their path under addinUrl; an AppDomain (an origin, no path) becomes addinUrl's origin.
 * Without addinUrl (undefined or empty) the manifest is returned unchanged: a dev build.
 * Throws when addinUrl is not an absolute https URL, or still names localhost.
 * @param {string} xml
 * @param {string | undefined} addinUrl
 * @returns {string}
 */
function substituteManifestUrl(xml, addinUrl) {
  if (addinUrl === undefined || addinUrl.trim() === "") return xml;
  const base = productionBaseUrl(addinUrl);
  const origin = new URL(base).origin;
  const replaced = xml.split(DEV_URL).join(base).split(DEV_ORIGIN).join(origin);
  if (/localhost/i.test(replaced)) {
    throw new Error(`manifest.xml still names localhost after substituting ADDIN_URL=${addinUrl}`);
  }
  return replaced;
}

/**
 * ADDIN_URL checked and normalised to end with "/".
 * @param {string} addinUrl
 * @returns {string}
 */
function productionBaseUrl(addinUrl) {
  let url;
  try {
    url = new URL(addinUrl.trim());
  } catch {
    throw new Error(
      `ADDIN_URL is not a URL: "${addinUrl}" (expected e.g. https://plans.example.org/action-plan/)`,
    );
  }
  if (url.protocol !== "https:") {
    throw new Error(`ADDIN_URL must be https (Office loads add-ins only over https): "${addinUrl}"`);
  }
  if (/^(localhost|127\.0\.0\.1|\[::1\])$/i.test(url.hostname)) {
    throw new Error(`ADDIN_URL names this machine (${url.hostname}); give the address dist/ is hosted at`);
  }
  if (url.search !== "" || url.hash !== "") {
    throw new Error(`ADDIN_URL must be a folder address without ?query or #fragment: "${addinUrl}"`);
  }
  const href = url.href;
  return href.endsWith("/") ? href : `${href}/`;
}

module.exports = { DEV_URL, substituteManifestUrl, productionBaseUrl };
