import { CORRECTION_LABELS, CORRECTIONS, UNIT_LABELS, UNITS, type Correction, type Unit } from '../state/divideMode';

interface DivideModeSwitchProps {
  unit: Unit;
  correction: Correction;
  onChange: (next: { unit: Unit; correction: Correction }) => void;
}

/** Per author or per post, corrected or raw: two radio groups whose choice goes to the URL. */
export function DivideModeSwitch({ unit, correction, onChange }: DivideModeSwitchProps) {
  return (
    <div className="divide-mode" data-testid="divide-mode">
      <fieldset className="control">
        <legend>Count</legend>
        {UNITS.map((value) => (
          <label key={value}>
            <input type="radio" name="divide-unit" value={value} checked={unit === value} onChange={() => onChange({ unit: value, correction })} />{' '}
            {UNIT_LABELS[value]}
          </label>
        ))}
      </fieldset>
      <fieldset className="control">
        <legend>Stance shares</legend>
        {CORRECTIONS.map((value) => (
          <label key={value}>
            <input type="radio" name="divide-correction" value={value} checked={correction === value} onChange={() => onChange({ unit, correction: value })} />{' '}
            {CORRECTION_LABELS[value]}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
