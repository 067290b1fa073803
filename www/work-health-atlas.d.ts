// TypeScript types for the <work-health-atlas> custom element (see README.md, "Embed it").

/** The view state, by the data bundle's stable ids. */
export interface AtlasState {
  indicator: string | null;
  geography: string;
  period: string | null;
  area: string | null;
  method: 'quantile' | 'equal-interval' | 'natural-breaks';
  classes: number;
  change_from: string | null;
  view: 'full' | 'map' | 'chart' | 'profile' | 'table';
}

/** An area's details, as returned by `select`. */
export interface AtlasAreaInfo {
  code: string;
  name: string;
  geography: string;
  district: string | null;
  value: number | null;
  value_text: string;
  period: string | null;
  class_label: string | null;
  rank_text: string | null;
  comparison_text: string | null;
}

/** What `atlas-change` says about the patch, when the patch or its notes changed. */
export interface AtlasPatchSummary {
  name: string;
  /** LSOA codes. */
  areas: string[];
  interventions: number;
  notes: number;
}

export interface AtlasChangeDetail extends AtlasState {
  patch?: AtlasPatchSummary;
}

export interface AtlasSelectDetail {
  code: string;
  name: string;
  geography: string;
}

export interface AtlasErrorDetail {
  code: string;
  message: string;
  /** True when the widget kept a usable view (e.g. an unknown attribute value). */
  recovered?: boolean;
}

export declare class AtlasElement extends HTMLElement {
  /** Resolves with the state once the first view is drawn. */
  readonly ready: Promise<AtlasState>;
  /**
   * Resolves once the idle-time prefetch after the first view (chart module, postcode index,
   * on-demand code; for use offline) has settled: true when it ran, false with `prefetch="none"`
   * or when it could not run (e.g. already offline).
   */
  readonly prefetched: Promise<boolean>;
  /**
   * Resolves once the widget holds every indicator of its data: the default embed's first view
   * carries only the indicator it shows, and the rest (`data/atlas-more.bin`) loads just after.
   * True when it did; false when it could not (reported as `atlas-error` `data-incomplete`).
   */
  complete(): Promise<boolean>;
  /** The current view, or null before the data has loaded. */
  readonly state: AtlasState | null;
  /** Selects an area by code (any layer) and zooms to it. */
  select(code: string): AtlasAreaInfo | null;
  /** Shows another indicator; applied at once, or when the rest of the data has come for one of it. */
  setIndicator(id: string): Promise<void>;
  setPeriod(id: string): void;
  /**
   * The current layer as CSV, what "Download CSV" saves: UTF-8 with a byte order mark, the
   * header first, every row as wide; null before the data has loaded.
   */
  toCsv(): Promise<string | null>;
  /**
   * That CSV's CSVW sidecar (W3C CSV on the Web metadata: source, licence, reference period,
   * geography, attribution and the columns) as JSON text; `name` is the CSV's file name (its `url`).
   */
  toCsvMetadata(name?: string): Promise<string | null>;
  /** A point inside an area, in CSS pixels of the map box (for automation). */
  screenPointOf(code: string): [number, number] | null;
  readonly mapRect: DOMRect;
  readonly zoomLevel: number | null;
  /** A link to this view: the page URL with the state and the patch in its hash. */
  link(): string;
  /**
   * The patch and the user's own notes as the embed snippets carry them (the `patch` and `notes`
   * attributes), or null when there is no patch.
   */
  sharedPatch(): { patch: { name: string; areas: string[]; interventions: object[] }; notes: object[] } | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'work-health-atlas': AtlasElement;
  }
  interface HTMLElementEventMap {
    'atlas-ready': CustomEvent<AtlasState>;
    'atlas-change': CustomEvent<AtlasChangeDetail>;
    'atlas-select': CustomEvent<AtlasSelectDetail>;
    'atlas-error': CustomEvent<AtlasErrorDetail>;
  }
}
