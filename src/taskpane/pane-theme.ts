/** Light or dark, following Office's theme in Excel, or the browser's preference in the playground. */
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

/** True when a "#RRGGBB" background is dark (relative luminance below the midpoint). */
export function isDarkColour(hex: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => Number.parseInt(h ?? "0", 16) / 255) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

/** The Fluent theme for Office's body background colour, when Office tells it. */
export function themeForOffice(bodyBackgroundColor: string | undefined): Theme {
  return bodyBackgroundColor !== undefined && isDarkColour(bodyBackgroundColor)
    ? webDarkTheme
    : webLightTheme;
}

export function themeForScheme(prefersDark: boolean): Theme {
  return prefersDark ? webDarkTheme : webLightTheme;
}
