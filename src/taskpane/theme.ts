/**
 * The pane takes Office's own colours when the host tells it them (Office.context.officeTheme:
 * Excel on Windows and Mac, in any of its light, grey, dark or black themes), and otherwise the
 * system's light or dark setting through prefers-color-scheme in the stylesheet.
 */

/** sRGB relative luminance of "#rrggbb" (or "rrggbb"), or null when it is not such a colour. */
export function luminance(hex: string | undefined): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec((hex ?? "").trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

const normal = (hex: string) => (hex.startsWith("#") ? hex : `#${hex}`);

/**
 * Office's four theme colours become the stylesheet's custom properties, and a dark body turns on
 * the dark palette for everything else (borders, accent, error and success colours), since Office
 * does not send those. Without a theme nothing is set, and the stylesheet follows the system.
 */
export function applyOfficeTheme(root: HTMLElement, theme: Partial<Office.OfficeTheme> | undefined | null): void {
  const bg = luminance(theme?.bodyBackgroundColor);
  if (!theme || bg === null) {
    root.removeAttribute("data-theme");
    return;
  }
  root.setAttribute("data-theme", bg < 0.3 ? "dark" : "light");
  const set = (name: string, value: string | undefined) => {
    if (luminance(value) !== null) root.style.setProperty(name, normal(value!));
  };
  set("--cp-bg", theme.bodyBackgroundColor);
  set("--cp-fg", theme.bodyForegroundColor);
  set("--cp-control-bg", theme.controlBackgroundColor);
  set("--cp-control-fg", theme.controlForegroundColor);
}

/** The host's theme, if it gives one (Office.context is there but officeTheme is not on the web). */
export function officeTheme(): Office.OfficeTheme | undefined {
  try {
    return typeof Office !== "undefined" ? Office.context?.officeTheme ?? undefined : undefined;
  } catch {
    return undefined;
  }
}
