// The shapes of /api/sample?format=json and /api/validations, as the API answers them.

export interface StratumAllocation {
  stratum: string;
  /** Posts of the stratum in the slice. */
  population: number;
  /** Posts the allocation asks for. */
  target: number;
  /** Posts drawn: min(target, population). */
  drawn: number;
}

export interface SampleResponse {
  seed: string;
  n: number;
  drawn: number;
  stratify: 'none' | 'actor' | 'stance';
  allocation: 'proportional' | 'equal' | null;
  strata: StratumAllocation[];
  filters: Record<string, unknown>;
  notes: string[];
  posts: Array<{ stratum: string; source: string; id: string; url: string; created_at: string; text: string }>;
}

export interface LabelScores {
  label: string;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Posts the humans gave this label. */
  support: number;
}

export interface TaskReport {
  task: 'stance' | 'sentiment' | 'actor';
  /** Matched posts compared for this task. */
  n: number;
  /** Matched posts the coders left blank for this task. */
  uncoded: number;
  labels: string[];
  /** confusion[i][j]: coded labels[i] by the humans, labelled labels[j] by the model. */
  confusion: number[][];
  per_label: LabelScores[];
  accuracy: number | null;
  macro_f1: number | null;
  kappa: number | null;
  /** Krippendorff's alpha (nominal) and 95% bootstrap intervals; absent from runs stored before they existed. */
  alpha?: number | null;
  ci95?: {
    kappa: Interval;
    alpha: Interval;
    accuracy: Interval;
    per_label: Array<{ label: string; precision: Interval; recall: Interval }>;
  };
  interval_method?: string;
}

export type Interval = [number, number] | null;

export interface ValidationRun {
  id: string;
  created_at: string;
  input_name: string;
  topic_pack: string;
  software_version: string;
  coded_rows: number;
  matched_rows: number;
  not_found: Array<{ line: number; source: string; id: string }>;
  model_versions: string[];
  tasks: TaskReport[];
}

export interface RunsResponse {
  runs: ValidationRun[];
}
