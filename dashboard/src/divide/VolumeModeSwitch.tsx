import { VOLUME_MODE_LABELS, VOLUME_MODES, type VolumeMode } from '../state/volumeMode';

interface VolumeModeSwitchProps {
  /** Names the radio group; unique on the page. */
  name: string;
  mode: VolumeMode;
  onChange: (mode: VolumeMode) => void;
  disabled?: boolean;
}

/** Volume as counts or as a share of the source's posts: two radio buttons (arrow keys switch). */
export function VolumeModeSwitch({ name, mode, onChange, disabled }: VolumeModeSwitchProps) {
  return (
    <fieldset className="control volume-mode" disabled={disabled}>
      <legend>Volume as</legend>
      {VOLUME_MODES.map((value) => (
        <label key={value}>
          <input type="radio" name={name} value={value} checked={mode === value} onChange={() => onChange(value)} />{' '}
          {VOLUME_MODE_LABELS[value]}
        </label>
      ))}
    </fieldset>
  );
}
