import { readFileSync } from "node:fs";
import path from "node:path";
import { initialTabFor } from "../../src/taskpane/initial-tab";

describe("the tab the pane opens on", () => {
  it("opens Check when the ribbon's Check plan button asks for it", () => {
    expect(initialTabFor("?view=check")).toBe("check");
  });

  it("opens the Overview for no view, or one it does not know", () => {
    expect(initialTabFor("")).toBe("overview");
    expect(initialTabFor("?view=<script>")).toBe("overview");
  });

  it("knows the view every taskpane address in the manifest asks for", () => {
    const manifest = readFileSync(path.resolve(__dirname, "../../manifest.xml"), "utf8");
    const views = [...manifest.matchAll(/taskpane\.html\?view=([a-z]+)/g)].map((m) => m[1]);
    expect(views.length).toBeGreaterThan(0);
    for (const view of views) expect(initialTabFor(`?view=${view}`)).toBe(view);
  });
});
