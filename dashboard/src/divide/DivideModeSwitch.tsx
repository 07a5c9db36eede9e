import { COPIES, COPIES_LABELS, CORRECTION_LABELS, CORRECTIONS, UNIT_LABELS, UNITS, type Copies, type Correction, type Unit } from '../state/divideMode';

interface DivideMode {
  unit: Unit;
  correction: Correction;
  copies: Copies;
}

interface DivideModeSwitchProps extends DivideMode {
  onChange: (next: DivideMode) => void;
}

/** Per author or per post, corrected or raw, copies once or each: radio groups whose choice goes to the URL. */
export function DivideModeSwitch({ unit, correction, copies, onChange }: DivideModeSwitchProps) {
  const mode = { unit, correction, copies };
  return (
    <div className="divide-mode" data-testid="divide-mode">
      <fieldset className="control">
        <legend>Count</legend>
        {UNITS.map((value) => (
          <label key={value}>
            <input type="radio" name="divide-unit" value={value} checked={unit === value} onChange={() => onChange({ ...mode, unit: value })} />{' '}
            {UNIT_LABELS[value]}
          </label>
        ))}
      </fieldset>
      <fieldset className="control">
        <legend>Stance shares</legend>
        {CORRECTIONS.map((value) => (
          <label key={value}>
            <input type="radio" name="divide-correction" value={value} checked={correction === value} onChange={() => onChange({ ...mode, correction: value })} />{' '}
            {CORRECTION_LABELS[value]}
          </label>
        ))}
      </fieldset>
      <fieldset className="control">
        <legend>Copies of one text</legend>
        {COPIES.map((value) => (
          <label key={value}>
            <input type="radio" name="divide-copies" value={value} checked={copies === value} onChange={() => onChange({ ...mode, copies: value })} />{' '}
            {COPIES_LABELS[value]}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
