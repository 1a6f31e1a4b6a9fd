/** Rendering React into jsdom for the pane's component tests, with act() around every change. */
import { act, type ReactElement } from "react";
import { createRoot, type Root } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// jsdom has no layout, so no ResizeObserver; Fluent's MessageBar only uses it to reflow long text.
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

export interface Rendered {
  readonly container: HTMLElement;
  unmount(): void;
}

const mounted: Root[] = [];

export function render(element: ReactElement): Rendered {
  const container = document.createElement("div");
  document.body.appendChild(container);
  const root = createRoot(container);
  mounted.push(root);
  act(() => root.render(<FluentProvider theme={webLightTheme}>{element}</FluentProvider>));
  return {
    container,
    unmount: () => act(() => root.unmount()),
  };
}

export function cleanup(): void {
  for (const root of mounted.splice(0)) act(() => root.unmount());
  document.body.innerHTML = "";
}

/** Lets pending promises (a host's replies) and the renders they cause finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

export function click(element: Element | null): void {
  if (element === null) throw new Error("Nothing to click");
  act(() => {
    (element as HTMLElement).click();
  });
}

/** Sets a form control's value the way typing or choosing does, so React's onChange runs. */
export function changeValue(element: Element | null, value: string): void {
  if (element === null) throw new Error("No control to change");
  const proto = Object.getPrototypeOf(element) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, "value")?.set;
  act(() => {
    setter?.call(element, value);
    element.dispatchEvent(
      new Event(element instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }),
    );
  });
}

export function byText(container: HTMLElement, selector: string, text: string | RegExp): HTMLElement | null {
  const all = Array.from(container.querySelectorAll<HTMLElement>(selector));
  return (
    all.find((el) =>
      typeof text === "string" ? el.textContent?.trim() === text : text.test(el.textContent ?? ""),
    ) ?? null
  );
}

/** The control labelled `label` (Fluent's Field ties label and control by id). */
export function byLabel(container: HTMLElement, label: string | RegExp): HTMLElement | null {
  const labelEl = byText(container, "label", label);
  const id = labelEl?.getAttribute("for");
  return id ? document.getElementById(id) : null;
}
