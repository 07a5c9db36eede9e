import type { SyntheticMode } from '../api/types';

/** The one switch that hides synthetic posts from every chart, the headline and the banner. */
export function SyntheticSwitch({ mode, onChange }: { mode: SyntheticMode; onChange: (mode: SyntheticMode) => void }) {
  return (
    <label className="synthetic-switch">
      <input type="checkbox" checked={mode === 'exclude'} onChange={(e) => onChange(e.target.checked ? 'exclude' : 'include')} />
      Hide synthetic posts
    </label>
  );
}
