export const layoutPlaceholders = ['scope', 'type', 'name'] as const;

export interface LayoutValues {
  scope: string;
  type: string;
  name: string;
}

/** Fills a layout pattern such as `libs/{scope}/{name}`. */
export function applyLayout(pattern: string, values: LayoutValues): string {
  return pattern.replace(/\{(scope|type|name)\}/g, (_, key: keyof LayoutValues) => values[key]);
}
