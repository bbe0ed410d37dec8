/**
 * Form fields: Input, NumberInput, DateInput, SearchInput, Select, MultiSelect, Toggle. Each keeps what the
 * person typed locally and reports it to the extension (whose answer arrives asynchronously over RPC), so
 * typing never fights a round trip; a new `value` from the extension replaces the local one.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { callRemote, cx, size, testIdAttr, type WithChildren } from './shared.ts';

interface FieldProps extends WithChildren {
  label?: string;
  name?: string;
  required?: boolean;
  readOnly?: boolean;
  description?: string;
  placeholder?: string;
  error?: boolean;
  validationMessage?: string;
  onChange?: unknown;
}

function Field({ id, label, required, description, error, validationMessage, children, testId }: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className={cx('hs-field', error && 'hs-field--error')} {...testIdAttr(testId)}>
      {label ? (
        <label className="hs-field__label" htmlFor={id}>
          {label}
          {required ? <span className="hs-field__required"> *</span> : null}
        </label>
      ) : null}
      {description ? <p className="hs-field__description">{description}</p> : null}
      {children}
      {validationMessage ? <p className={cx('hs-field__message', error && 'hs-field__message--error')}>{validationMessage}</p> : null}
    </div>
  );
}

function useLocal<T>(value: T): [T, (v: T) => void] {
  const [local, setLocal] = useState(value);
  useEffect(() => setLocal(value), [value]);
  return [local, setLocal];
}

export function Input(props: FieldProps & { value?: string; type?: 'text' | 'password'; onInput?: unknown; onBlur?: unknown }) {
  const id = useId();
  const [local, setLocal] = useLocal(props.value ?? '');
  return (
    <Field {...props} id={id}>
      <input
        id={id}
        className="hs-input"
        name={props.name}
        type={props.type ?? 'text'}
        value={local}
        placeholder={props.placeholder}
        readOnly={props.readOnly}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => {
          setLocal(e.target.value);
          callRemote(props.onInput, e.target.value);
          callRemote(props.onChange, e.target.value);
        }}
        onBlur={(e) => callRemote(props.onBlur, e.target.value)}
      />
    </Field>
  );
}

export function NumberInput(props: FieldProps & { value?: number; min?: number; max?: number; precision?: number }) {
  const id = useId();
  const [local, setLocal] = useLocal(props.value === undefined ? '' : String(props.value));
  return (
    <Field {...props} id={id}>
      <input
        id={id}
        className="hs-input"
        name={props.name}
        type="number"
        inputMode="decimal"
        value={local}
        min={props.min}
        max={props.max}
        step={props.precision !== undefined ? 10 ** -props.precision : 'any'}
        placeholder={props.placeholder}
        readOnly={props.readOnly}
        onChange={(e) => {
          setLocal(e.target.value);
          if (e.target.value !== '' && Number.isFinite(Number(e.target.value))) callRemote(props.onChange, Number(e.target.value));
        }}
      />
    </Field>
  );
}

interface BaseDate {
  year: number;
  month: number;
  date: number;
}

export function DateInput(props: FieldProps & { value?: BaseDate | null }) {
  const id = useId();
  const v = props.value;
  const iso = v ? `${String(v.year).padStart(4, '0')}-${String(v.month + 1).padStart(2, '0')}-${String(v.date).padStart(2, '0')}` : '';
  const [local, setLocal] = useLocal(iso);
  return (
    <Field {...props} id={id}>
      <input
        id={id}
        className="hs-input"
        name={props.name}
        type="date"
        value={local}
        readOnly={props.readOnly}
        onChange={(e) => {
          setLocal(e.target.value);
          const [year, month, date] = e.target.value.split('-').map(Number);
          // HubSpot's DateInput months are 0-based, like JavaScript's Date.
          callRemote(props.onChange, year ? { year, month: (month ?? 1) - 1, date, formattedDate: e.target.value } : null);
        }}
      />
    </Field>
  );
}

export function SearchInput(props: FieldProps & { value?: string; clearable?: boolean; onInput?: unknown }) {
  const id = useId();
  const [local, setLocal] = useLocal(props.value ?? '');
  const report = (value: string) => {
    setLocal(value);
    callRemote(props.onInput, value);
    callRemote(props.onChange, value);
  };
  return (
    <Field {...props} id={id}>
      <div className="hs-search">
        <span className="hs-search__icon" aria-hidden="true">⌕</span>
        <input id={id} className="hs-input hs-input--search" type="search" name={props.name} value={local} placeholder={props.placeholder} onChange={(e) => report(e.target.value)} />
        {props.clearable !== false && local ? (
          <button type="button" className="hs-search__clear" aria-label="Clear" onClick={() => report('')}>×</button>
        ) : null}
      </div>
    </Field>
  );
}

interface Option {
  label: string;
  value: string | number | boolean;
}

export function Select(props: FieldProps & { value?: string | number | boolean; options?: Option[]; variant?: 'input' | 'transparent' }) {
  const id = useId();
  const options = props.options ?? [];
  const index = options.findIndex((o) => o.value === props.value);
  const [local, setLocal] = useLocal(index >= 0 ? String(index) : '');
  return (
    <Field {...props} id={id}>
      <select
        id={id}
        className={cx('hs-select', props.variant === 'transparent' && 'hs-select--transparent')}
        name={props.name}
        value={local}
        disabled={props.readOnly}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => {
          setLocal(e.target.value);
          const option = options[Number(e.target.value)];
          if (option) callRemote(props.onChange, option.value);
        }}
      >
        {index < 0 ? <option value="" disabled>{props.placeholder ?? 'Select an option'}</option> : null}
        {options.map((o, i) => (
          <option key={i} value={String(i)}>{o.label}</option>
        ))}
      </select>
    </Field>
  );
}

export function MultiSelect(props: FieldProps & { value?: Array<string | number | boolean>; options?: Option[] }) {
  const id = useId();
  const options = props.options ?? [];
  const [local, setLocal] = useLocal(props.value ?? []);
  const toggle = (option: Option) => {
    const next = local.includes(option.value) ? local.filter((v) => v !== option.value) : [...local, option.value];
    setLocal(next);
    callRemote(props.onChange, next);
  };
  return (
    <Field {...props} id={id}>
      <div id={id} className="hs-multiselect" role="group" aria-label={props.label}>
        {options.length === 0 ? <span className="hs-multiselect__empty">{props.placeholder ?? 'No options'}</span> : null}
        {options.map((o, i) => (
          <label key={i} className={cx('hs-multiselect__option', local.includes(o.value) && 'hs-multiselect__option--on')}>
            <input type="checkbox" checked={local.includes(o.value)} disabled={props.readOnly} onChange={() => toggle(o)} />
            {o.label}
          </label>
        ))}
      </div>
    </Field>
  );
}

interface ToggleProps extends WithChildren {
  checked?: boolean;
  initialIsChecked?: boolean;
  label?: string;
  labelDisplay?: 'inline' | 'top' | 'hidden';
  name?: string;
  onChange?: unknown;
  readonly?: boolean;
  readOnly?: boolean;
  size?: string;
  textChecked?: string;
  textUnchecked?: string;
}

export function Toggle({ testId, checked, initialIsChecked, label, labelDisplay = 'inline', onChange, readonly, readOnly, size: s, textChecked = 'On', textUnchecked = 'Off' }: ToggleProps) {
  const [on, setOn] = useLocal(checked ?? initialIsChecked ?? false);
  const locked = readonly === true || readOnly === true;
  return (
    <label className={cx('hs-toggle', `hs-toggle--${size(s, 'md')}`, labelDisplay === 'top' && 'hs-toggle--top')} {...testIdAttr(testId)}>
      {labelDisplay !== 'hidden' ? <span className="hs-toggle__label">{label}</span> : null}
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-label={labelDisplay === 'hidden' ? label : undefined}
        disabled={locked}
        className={cx('hs-toggle__switch', on && 'hs-toggle__switch--on')}
        onClick={() => {
          setOn(!on);
          callRemote(onChange, !on);
        }}
      >
        <span className="hs-toggle__knob" />
      </button>
      <span className="hs-toggle__state" aria-hidden="true">{on ? textChecked : textUnchecked}</span>
    </label>
  );
}
