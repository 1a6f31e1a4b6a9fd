/**
 * @jest-environment jsdom
 */
import axe from "axe-core";
import { act } from "react";
import type { HostDiagnostics } from "../../../src/excel/diagnostics";
import { DiagnosticsPane } from "../../../src/taskpane/components/DiagnosticsPane";
import { byText, cleanup, click, render, settle } from "../render";

afterEach(cleanup);

const info: HostDiagnostics = {
  host: "Excel",
  platform: "windows",
  version: "16.0.17928.20114",
  requirementSets: ["1.1", "1.2", "1.8", "1.13"],
  lastVerification: {
    operation: "Apply schema to 2 tables",
    findings: [
      "Excel did not grow the Leads table on 'Lists' over the row 9 written below it, so the add-in resized the table to include them.",
    ],
  },
};

function open(container: HTMLElement): void {
  const details = container.querySelector("details");
  if (!details) throw new Error("no details element");
  act(() => {
    details.open = true;
  });
}

describe("DiagnosticsPane", () => {
  it("shows the host, platform, version, requirement sets and the last verification in words", () => {
    const { container } = render(<DiagnosticsPane info={info} />);
    open(container);
    const text = container.textContent ?? "";
    expect(text).toContain("About this Excel");
    expect(text).toContain("Excel on Windows");
    expect(text).toContain("16.0.17928.20114");
    expect(text).toContain("ExcelApi 1.1 to 1.13");
    expect(text).toContain("Apply schema to 2 tables");
    expect(text).toContain("resized the table");
  });

  it("copies everything as text for a support email and says it did", async () => {
    const copied: string[] = [];
    const { container } = render(
      <DiagnosticsPane
        info={info}
        copy={(t) => {
          copied.push(t);
          return Promise.resolve();
        }}
      />,
    );
    open(container);
    click(byText(container, "button", "Copy for a support email"));
    await settle();
    expect(copied).toHaveLength(1);
    expect(copied[0]).toContain("Platform: Excel on Windows");
    expect(copied[0]).toContain("ExcelApi requirement sets: 1.1–1.13 (1.1, 1.2, 1.8, 1.13)");
    expect(copied[0]).toContain("- Excel did not grow the Leads table");
    expect(container.querySelector('[role="status"]')?.textContent).toBe("Copied. Paste it into your email.");
  });

  it("shows the text to copy by hand when Excel blocks the clipboard", async () => {
    const { container } = render(
      <DiagnosticsPane info={info} copy={() => Promise.reject(new Error("blocked"))} />,
    );
    open(container);
    click(byText(container, "button", "Copy for a support email"));
    await settle();
    const area = container.querySelector("textarea");
    expect(area?.value).toContain("Last change: Apply schema to 2 tables");
    expect(container.querySelector('[role="status"]')?.textContent).toMatch(/select the text below/);
  });

  it("says when no change has been made in this session", () => {
    const { container } = render(<DiagnosticsPane info={{ ...info, lastVerification: null }} />);
    open(container);
    expect(container.textContent).toContain("None yet in this session");
  });

  it("passes axe, opened and with the copy fallback showing", async () => {
    const { container } = render(
      <DiagnosticsPane info={info} copy={() => Promise.reject(new Error("blocked"))} />,
    );
    open(container);
    click(byText(container, "button", "Copy for a support email"));
    await settle();
    // color-contrast needs layout, which jsdom has not; the browser suite checks contrast.
    const results = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
